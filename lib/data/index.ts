// Barrel for lib/data: see lib/README.md for its contract.
export {};
