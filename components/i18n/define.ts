/**
 * The compile-time check behind the dictionaries: Chinese must have every English key, with the same parameters
 * for each message that takes some, and nothing else. Pure types plus one identity function.
 */

/** A message: plain text, or a function of its parameters (counts, names) that returns the text. */
type Message = string | ((...args: never[]) => string);
export interface Dictionary {
  [key: string]: Message | Dictionary;
}

/** The shape another language must fill: the same keys, strings for strings, the same signature for functions. */
export type Translation<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => string ? (...args: A) => string : T[K] extends string ? string : Translation<T[K]>;
};

/** One area's messages in both languages, side by side; zh is checked against en's shape (NoInfer: en alone decides it). */
export function bilingual<T extends Dictionary>(messages: { en: T; zh: NoInfer<Translation<T>> }): { en: Translation<T>; zh: Translation<T> } {
  // en is its own translation: the cast only widens its literal strings to string.
  return messages as unknown as { en: Translation<T>; zh: Translation<T> };
}
