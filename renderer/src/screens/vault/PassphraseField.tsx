import { Progress, PasswordInput, Stack, Text } from '@mantine/core';
import {
  passphraseHint,
  type PassphraseStrength,
} from '../../../../shared/domain/passphrase-strength';

const STRENGTH: Record<PassphraseStrength, { label: string; value: number; color: string }> = {
  'too-short': { label: 'Too short (not accepted)', value: 10, color: 'red.9' },
  weak: { label: 'Weak (not accepted)', value: 30, color: 'red.9' },
  fair: { label: 'Fair', value: 55, color: 'yellow.9' },
  good: { label: 'Good', value: 80, color: 'teal.9' },
  strong: { label: 'Strong', value: 100, color: 'green.9' },
};

interface Props {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  /** Show the strength meter and advice (for a new passphrase). */
  readonly withHint?: boolean;
  readonly error?: string | undefined;
  readonly autoFocus?: boolean;
}

/** A passphrase input; for a new passphrase it also says how strong it is and how to improve it. */
export function PassphraseField({
  label,
  value,
  onChange,
  withHint = false,
  error,
  autoFocus = false,
}: Props) {
  const hint = passphraseHint(value);
  const strength = STRENGTH[hint.strength];

  return (
    <Stack gap={6}>
      <PasswordInput
        label={label}
        value={value}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
        error={error}
        autoComplete="off"
        maxLength={1024}
        autoFocus={autoFocus}
        spellCheck={false}
        required
        visibilityToggleButtonProps={{ 'aria-label': `Show or hide ${label.toLowerCase()}` }}
      />
      {withHint && value.length > 0 ? (
        <Stack gap={4} aria-live="polite">
          <Progress
            value={strength.value}
            color={strength.color}
            size="sm"
            aria-label="Passphrase strength"
          />
          <Text size="sm">
            Strength: <strong>{strength.label}</strong>
          </Text>
          {hint.advice.map((line) => (
            <Text size="sm" key={line}>
              {line}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
