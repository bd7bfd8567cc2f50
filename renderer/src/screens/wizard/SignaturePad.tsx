import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { AttestationSignature } from '../../../../shared/api/ops/assessments';

const WIDTH = 480;
const HEIGHT = 140;

/**
 * The Part 3b signature: typed (works from the keyboard) or drawn with a
 * pointer on a canvas. A drawn signature is kept as a PNG data URL.
 */
export function SignaturePad({
  value,
  disabled,
  onChange,
}: {
  readonly value: AttestationSignature | null;
  readonly disabled: boolean;
  readonly onChange: (signature: AttestationSignature | null) => void;
}) {
  const [mode, setMode] = useState<'typed' | 'drawn'>(value?.kind ?? 'typed');
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drewSomething = useRef(false);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (mode !== 'drawn' || canvas === null || value?.kind !== 'drawn') return;
    const context = canvas.getContext('2d');
    if (context === null) return;
    const image = new Image();
    image.onload = () => {
      context.drawImage(image, 0, 0);
    };
    image.src = value.pngDataUrl;
    // Only when the canvas appears: afterwards the canvas itself is the newest drawing.
  }, [mode]);

  function point(event: PointerEvent<HTMLCanvasElement>): [number, number] {
    const box = event.currentTarget.getBoundingClientRect();
    return [
      ((event.clientX - box.left) * WIDTH) / box.width,
      ((event.clientY - box.top) * HEIGHT) / box.height,
    ];
  }

  function start(event: PointerEvent<HTMLCanvasElement>) {
    if (disabled) return;
    const context = event.currentTarget.getContext('2d');
    if (context === null) return;
    drawing.current = true;
    event.currentTarget.setPointerCapture(event.pointerId);
    context.lineWidth = 2;
    context.lineCap = 'round';
    context.strokeStyle = '#1a1b1e';
    context.beginPath();
    context.moveTo(...point(event));
  }

  function move(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    if (context === null) return;
    context.lineTo(...point(event));
    context.stroke();
    drewSomething.current = true;
  }

  function end(event: PointerEvent<HTMLCanvasElement>) {
    if (!drawing.current) return;
    drawing.current = false;
    if (drewSomething.current) {
      onChange({ kind: 'drawn', pngDataUrl: event.currentTarget.toDataURL('image/png') });
    }
  }

  function clear() {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    drewSomething.current = false;
    onChange(null);
  }

  return (
    <Stack gap="xs">
      <Text fw={500} size="sm" id="signature-mode-label">
        Signature
      </Text>
      <SegmentedControl
        aria-labelledby="signature-mode-label"
        value={mode}
        disabled={disabled}
        data={[
          { value: 'typed', label: 'Type my name' },
          { value: 'drawn', label: 'Draw it' },
        ]}
        onChange={(next) => {
          setMode(next);
        }}
        w="fit-content"
      />
      {mode === 'typed' ? (
        <TextInput
          label="Typed signature (your full name)"
          value={value?.kind === 'typed' ? value.text : ''}
          disabled={disabled}
          autoComplete="off"
          onChange={(event) => {
            const text = event.currentTarget.value;
            onChange(text.trim() === '' ? null : { kind: 'typed', text });
          }}
        />
      ) : (
        <>
          <canvas
            ref={canvasRef}
            width={WIDTH}
            height={HEIGHT}
            role="img"
            aria-label="Drawing area for your signature; use a mouse, pen or finger. To sign from the keyboard, choose Type my name."
            className="signature-canvas"
            onPointerDown={start}
            onPointerMove={move}
            onPointerUp={end}
            onPointerLeave={end}
          />
          <Group>
            <Button variant="default" size="xs" onClick={clear} disabled={disabled}>
              Clear the drawing
            </Button>
            <Text size="sm">
              {value?.kind === 'drawn' ? 'Drawn signature kept.' : 'Nothing drawn yet.'}
            </Text>
          </Group>
        </>
      )}
    </Stack>
  );
}
