import { describe, expect, it } from 'vitest';
import { contactNote, type ContactKind } from './contact-format';

describe('contactNote', () => {
  const looksFine: [ContactKind, string][] = [
    ['email', 'pci@harbourlane.example'],
    ['email', "o'brien+pci@shop.example.co.uk"],
    ['phone', '+44 (0)20 7946 0000'],
    ['phone', '555-0100 ext. 12'],
    ['phone', '0049 30 901820'],
    ['website', 'www.harbourlane.example'],
    ['website', 'https://shop.example/pay'],
    ['website', 'bücher.example'],
    ['email', ''],
  ];
  it.each(looksFine)('%s %j gets no note', (kind, value) => {
    expect(contactNote(kind, value)).toBeNull();
  });

  const odd: [ContactKind, string][] = [
    ['email', 'pci at harbourlane'],
    ['email', 'pci@harbourlane'],
    ['phone', 'call the office'],
    ['phone', '123'],
    ['website', 'harbour lane'],
  ];
  it.each(odd)('%s %j gets a note that keeps it as typed', (kind, value) => {
    expect(contactNote(kind, value)).toMatch(/kept as typed/);
  });
});
