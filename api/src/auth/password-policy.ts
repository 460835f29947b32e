import { z } from 'zod';

// Long enough to pass the length rule yet among the most used passwords in breach lists: refused.
const commonPasswords = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  '1111111111',
  '0000000000',
  'qwertyuiop',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'qwerty1234',
  'qwerty12345',
  'iloveyou12',
  'abcdefghij',
  'abc1234567',
  'letmein123',
  'welcome123',
  'changeme12',
  'administrator',
  'qazwsxedcrfv',
  'asdfghjkl1',
  'zaq12wsxcde',
  'trustno1234',
  'football123',
]);

/** Minimum password length (NIST SP 800-63B asks for at least 8; we ask for 10). */
export const minPasswordLength = 10;

/**
 * A new password: 10 to 256 characters (the upper bound keeps hashing cheap for hostile input) and
 * not one of the most common passwords.
 */
export const newPasswordSchema = z
  .string()
  .min(minPasswordLength, `The password needs at least ${minPasswordLength} characters`)
  .max(256)
  .refine((password) => !commonPasswords.has(password.toLowerCase()), 'This password is too common');
