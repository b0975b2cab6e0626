// The files of a drop: loose files as they are, and a dropped folder walked (the browser hands folders over as
// FileSystemDirectoryEntry, whose reader returns at most 100 entries per call, so it is read until empty).

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

async function walk(entry: FileSystemEntry, out: File[], depth = 0): Promise<void> {
  if (entry.isFile) { out.push(await entryFile(entry as FileSystemFileEntry)); return; }
  if (!entry.isDirectory || depth > 2) return;   // a model folder is flat; deeper is not ours to read
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const e of batch) await walk(e, out, depth + 1);
  }
}

export async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const entries = [...dt.items].map((i) => i.webkitGetAsEntry?.()).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) return [...dt.files];
  const out: File[] = [];
  for (const e of entries) await walk(e, out);
  return out;
}
