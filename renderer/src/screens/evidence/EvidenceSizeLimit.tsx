import { Button, Group, NumberInput, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES } from '../../../../shared/api/ops/evidence';
import { messageFor } from '../../api/messages';
import { api } from '../../state/api';

/** The largest evidence file the vault accepts, in MiB, which the person can change. */
export function EvidenceSizeLimit() {
  const [value, setValue] = useState<number | string>('');
  const [defaultMebibytes, setDefaultMebibytes] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | undefined>();
  const valid =
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= 1 &&
    value <= MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES;

  useEffect(() => {
    void api()
      .getEvidenceSizeLimit({})
      .then((result) => {
        if (result.ok) {
          setValue(result.value.maxMebibytes);
          setDefaultMebibytes(result.value.defaultMebibytes);
        } else {
          setNotice(messageFor(result.error));
        }
      });
  }, []);

  return (
    <Group align="flex-start">
      <NumberInput
        label="Largest file accepted, in MiB"
        description={
          defaultMebibytes === null ? undefined : `The default is ${String(defaultMebibytes)} MiB.`
        }
        value={value}
        onChange={(next) => {
          setValue(next);
          setNotice(undefined);
        }}
        min={1}
        max={MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES}
        allowDecimal={false}
        allowNegative={false}
        error={
          valid || value === ''
            ? undefined
            : `Enter a whole number of MiB from 1 to ${String(MAX_EVIDENCE_SIZE_LIMIT_MEBIBYTES)}.`
        }
        w={300}
      />
      <Button
        variant="default"
        mt={25}
        disabled={!valid}
        onClick={() => {
          if (typeof value !== 'number') return;
          void api()
            .setEvidenceSizeLimit({ maxMebibytes: value })
            .then((result) => {
              setNotice(result.ok ? 'Saved.' : messageFor(result.error));
            });
        }}
      >
        Save limit
      </Button>
      {notice !== undefined ? (
        <Text role="status" mt={30}>
          {notice}
        </Text>
      ) : null}
    </Group>
  );
}
