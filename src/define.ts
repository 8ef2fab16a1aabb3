/** Registers every `store-*` tag. */
export {};
