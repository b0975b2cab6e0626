// Figures of chapters 4–8 (see ./Figure.tsx).
export {};
