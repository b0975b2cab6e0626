/** The python3 to run the project's Python with (see py.mjs); throws an Error that says what to install. */
export function findPython(modules?: string[]): string;
export function candidates(): string[];
