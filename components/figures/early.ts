// Figures of chapters 1–3 (see ./Figure.tsx).
export {};
