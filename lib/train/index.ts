// Barrel for lib/train: see lib/README.md for its contract.
export {};
