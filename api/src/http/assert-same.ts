/** `true` when `A` and `B` are the same type (each assignable to the other), else `false`. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * Compiles only when given `true`: `Expect<Same<A, B>>` pins a zod wire schema to the domain type
 * it answers, so neither can drift from the other (a compile-time check, no runtime cost).
 */
export type Expect<T extends true> = T;
