// Chapter 6's checkpoint, as far as the page needs it: whether this browser holds one. No tfjs (IndexedDB only), so
// the model picker can say so before the engine worker has started.
import { IndexedDBStorage } from "@/lib/train/storage-idb";

/** Chapter 6 saves its fine-tuned model under this key (content/06-finetune.mdx). */
export const MY_CHECKPOINT = "nsmc-latest";

/** Whether this browser holds chapter 6's checkpoint, and at which step (null: none, or no IndexedDB). */
export async function myCheckpoint(): Promise<{ step?: number } | null> {
  try {
    const s = await new IndexedDBStorage().stat(MY_CHECKPOINT);
    return s ? { step: s.step } : null;
  } catch {
    return null;
  }
}
