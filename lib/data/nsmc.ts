// NSMC (Naver Sentiment Movie Corpus) TSV reader: `id \t document \t label`, one review per line.
//
// The real files are not clean (ratings_train.txt has 8 empty reviews, ratings_test.txt has 1), and a
// tutorial that crashes on line 27,000 teaches nothing. So: check the header loudly (a wrong file is
// a user error worth stopping for), but report each bad ROW with its 1-based line number and skip it.

export interface NsmcRow {
  id: string;
  text: string;
  label: 0 | 1;
}

export interface NsmcBadRow {
  line: number; // 1-based line in the file (the header is line 1)
  reason: string;
  raw: string;
}

export interface NsmcParseResult {
  rows: NsmcRow[];
  bad: NsmcBadRow[];
}

export const NSMC_HEADER = "id\tdocument\tlabel";

export function parseNsmc(text: string): NsmcParseResult {
  // Tolerate a UTF-8 BOM and Windows line endings; neither changes what a row means.
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0] !== NSMC_HEADER) {
    throw new Error(
      `parseNsmc: expected header ${JSON.stringify(NSMC_HEADER)} on line 1, got ${JSON.stringify(lines[0].slice(0, 80))}`,
    );
  }
  const rows: NsmcRow[] = [];
  const bad: NsmcBadRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i];
    if (raw === "" && i === lines.length - 1) break; // the file's final newline, not a row
    const fields = raw.split("\t");
    const line = i + 1;
    if (fields.length !== 3) {
      bad.push({ line, reason: `탭으로 나눈 칸이 3개여야 하는데 ${fields.length}개입니다`, raw });
      continue;
    }
    const [id, doc, label] = fields;
    if (doc.trim() === "") {
      bad.push({ line, reason: "리뷰 글이 비어 있습니다", raw });
      continue;
    }
    if (label !== "0" && label !== "1") {
      bad.push({ line, reason: `레이블은 0 또는 1이어야 하는데 ${JSON.stringify(label)}입니다`, raw });
      continue;
    }
    rows.push({ id, text: doc, label: label === "1" ? 1 : 0 });
  }
  return { rows, bad };
}
