const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const ID_LENGTH = 21;

// shared/ compiles without DOM or Node types; both runtimes have Web Crypto.
const webCrypto = (globalThis as { crypto?: { getRandomValues(array: Uint8Array): Uint8Array } })
  .crypto;

/**
 * A random id matching `ID_PATTERN`: 21 characters of a 64-letter alphabet (126 bits), so ids made
 * offline on two laptops do not collide.
 */
export function randomId(): string {
  if (!webCrypto) throw new Error('Web Crypto is not available to make ids');
  const bytes = webCrypto.getRandomValues(new Uint8Array(ID_LENGTH));
  let id = '';
  // 256 is a multiple of 64, so masking keeps every letter equally likely.
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}
