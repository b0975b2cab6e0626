// Barrel for lib/model: see lib/README.md for its contract.
export {};
