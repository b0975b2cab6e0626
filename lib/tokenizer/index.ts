// Barrel for lib/tokenizer: see lib/README.md for its contract.
export {};
