/**
 * Gentle checks of contact details. They never block a save: addresses and
 * phone numbers come in more shapes than any rule knows, so an odd one only
 * earns a note under the field, and what was typed is kept as typed.
 */
export type ContactKind = 'email' | 'phone' | 'website';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;
/** Digits with the usual separators, an optional leading +, and an optional extension. */
const PHONE = /^\+?[\d\s().\-/]+((\s*(ext\.?|extension|x)\s*\d+))?$/i;
const WEBSITE = /^(https?:\/\/)?[^\s/.]+(\.[^\s/.]+)+(\/\S*)?$/i;

const NOTES: Readonly<Record<ContactKind, string>> = {
  email: 'This does not look like an e-mail address (name@example.com). It is kept as typed.',
  phone:
    'This does not look like a phone number (digits, spaces, + ( ) - and an extension). It is kept as typed.',
  website: 'This does not look like a web address (www.example.com). It is kept as typed.',
};

/** A note for a value that looks unusual for its kind; null when it looks fine or is empty. */
export function contactNote(kind: ContactKind, value: string): string | null {
  const text = value.trim();
  if (text === '') return null;

  let plausible: boolean;
  switch (kind) {
    case 'email':
      plausible = EMAIL.test(text);
      break;
    case 'phone':
      plausible = PHONE.test(text) && (text.match(/\d/g)?.length ?? 0) >= 5;
      break;
    case 'website':
      plausible = WEBSITE.test(text);
      break;
  }

  return plausible ? null : NOTES[kind];
}
