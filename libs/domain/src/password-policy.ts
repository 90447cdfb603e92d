import type { Role } from './roles.js';

/** Roles that can change other people's work or accounts, held to a longer password. */
export const PRIVILEGED_ROLES: readonly Role[] = ['admin', 'lead'];
export const MIN_PASSWORD_LENGTH = 8;
export const MIN_PRIVILEGED_PASSWORD_LENGTH = 12;

// The commonest leaked passwords of 8+ characters (and the product's own demo word), compared case-insensitively.
const COMMON_PASSWORDS = new Set([
  '12345678',
  '123456789',
  '1234567890',
  '12345678910',
  '123123123',
  '11111111',
  '00000000',
  '88888888',
  '87654321',
  '123456789a',
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'qwertyuiop',
  'qwerty123',
  'qwerty1234',
  'qwertyuiop123',
  '1q2w3e4r',
  '1q2w3e4r5t',
  '1qaz2wsx',
  'zaq12wsx',
  'abcd1234',
  'abc12345',
  'abcdefgh',
  'iloveyou',
  'iloveyou1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'welcome1',
  'welcome123',
  'letmein1',
  'trustno1',
  'superman',
  'starwars',
  'dragon123',
  'monkey123',
  'whatever',
  'computer',
  'michelle',
  'jennifer',
  'changeme',
  'changeme123',
  'administrator',
  'admin123',
  'admin1234',
  'adminadmin',
  'administrator1',
  'demodemo',
  'clinrank',
  'clinrank1',
  'clinrank123',
  'hospital',
  'hospital1',
  'doctor123',
  'medicine',
  'aaaaaaaa',
  'asdfghjkl',
  'asdfasdf',
  'zxcvbnm123',
  'q1w2e3r4',
  'q1w2e3r4t5',
  'secret123',
  'mypassword',
  'password!',
  'password@123',
]);

/** Why a password is refused for a role, or null when it is acceptable. */
export function passwordProblem(password: string, role: Role): string | null {
  const minimum = PRIVILEGED_ROLES.includes(role) ? MIN_PRIVILEGED_PASSWORD_LENGTH : MIN_PASSWORD_LENGTH;
  if ([...password].length < minimum) return `password must be at least ${minimum} characters for the ${role} role`;
  if (password.trim().length === 0 || new Set(password).size < 3)
    return 'password must not be one character repeated or only spaces';
  const folded = password.toLowerCase();
  if (COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/[\d!@#$%^&*.]+$/, '')))
    return 'password is one of the most common passwords; choose another';
  return null;
}
