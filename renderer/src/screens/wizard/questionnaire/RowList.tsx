import { Badge, Box, Group, Text, VisuallyHidden } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, type KeyboardEvent } from 'react';
import { RESPONSE_LABELS, type Response } from '../../../../../shared/domain/responses';
import { useAssessmentStore } from '../../../state/assessment-store';
import type { QuestionnaireItem } from './items';

const ROW_HEIGHT = 60;

const RESPONSE_COLOURS: Readonly<Record<Response, string>> = {
  'in-place': 'green',
  'in-place-ccw': 'teal',
  'not-applicable': 'gray',
  'not-tested': 'yellow',
  'not-in-place': 'red',
};

/** Labels short enough for the narrow row list; the full label is read out and shown on hover. */
const SHORT_LABELS: Readonly<Record<Response, string>> = {
  'in-place': 'In Place',
  'in-place-ccw': 'CCW',
  'not-applicable': 'N/A',
  'not-tested': 'Not Tested',
  'not-in-place': 'Not in Place',
};

export const rowDomId = (key: string): string => `q-row-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const RowLine = memo(function RowLine({
  item,
  active,
  needsAttention,
  onPick,
}: {
  readonly item: QuestionnaireItem;
  readonly active: boolean;
  readonly needsAttention: boolean;
  readonly onPick: (key: string) => void;
}) {
  const response = useAssessmentStore((state) =>
    item.answerRowId === null ? null : (state.answers[item.answerRowId]?.response ?? null),
  );
  const title = item.bulletLabel ?? item.requirement.title;

  return (
    <Box
      id={rowDomId(item.key)}
      role="option"
      aria-selected={active}
      data-row={item.key}
      onClick={() => {
        onPick(item.key);
      }}
      px="sm"
      py={6}
      h={ROW_HEIGHT}
      className="q-row"
      bg={active ? 'var(--mantine-color-indigo-0)' : undefined}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text fw={600} size="sm">
          {item.answerRowId ?? item.requirement.requirementId}
        </Text>
        {item.answerRowId === null ? (
          <Badge variant="outline" color="gray" size="sm">
            No response
          </Badge>
        ) : response === null ? (
          <Badge variant="outline" color="gray" size="sm">
            Unanswered
          </Badge>
        ) : (
          <Badge
            color={RESPONSE_COLOURS[response]}
            size="sm"
            variant={needsAttention ? 'outline' : 'light'}
            title={`${RESPONSE_LABELS[response]}${needsAttention ? ' (incomplete)' : ''}`}
          >
            <span aria-hidden="true">
              {SHORT_LABELS[response]}
              {needsAttention ? ' · incomplete' : ''}
            </span>
            <VisuallyHidden>
              {RESPONSE_LABELS[response]}
              {needsAttention ? ' (incomplete)' : ''}
            </VisuallyHidden>
          </Badge>
        )}
      </Group>
      <Text size="xs" lineClamp={1}>
        {title}
      </Text>
    </Box>
  );
});

/**
 * The rows of the questionnaire as one keyboard-driven list: arrow keys or j/k
 * move, Home/End jump, number keys pick a response for the active row. Only the rows
 * in view are in the page (SAQ D has 254 answer rows).
 */
export function RowList({
  items,
  activeKey,
  attention,
  onActivate,
  onResponseKey,
  label,
}: {
  readonly items: readonly QuestionnaireItem[];
  readonly activeKey: string | null;
  readonly attention: ReadonlySet<string>;
  readonly onActivate: (key: string) => void;
  readonly onResponseKey: (index: number) => void;
  readonly label: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const activeIndex = items.findIndex((item) => item.key === activeKey);

  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  function move(to: number) {
    const next = items[Math.max(0, Math.min(items.length - 1, to))];
    if (next !== undefined) onActivate(next.key);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const from = activeIndex < 0 ? -1 : activeIndex;
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        move(from + 1);
        break;
      case 'ArrowUp':
      case 'k':
        move(from - 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(items.length - 1);
        break;
      case 'PageDown':
        move(from + 8);
        break;
      case 'PageUp':
        move(from - 8);
        break;
      default:
        if (/^[1-9]$/.test(event.key)) {
          onResponseKey(Number(event.key) - 1);
          break;
        }
        return;
    }
    event.preventDefault();
  }

  return (
    <div
      ref={scrollRef}
      role="listbox"
      aria-label={label}
      aria-activedescendant={activeKey === null ? undefined : rowDomId(activeKey)}
      tabIndex={0}
      onKeyDown={onKeyDown}
      className="q-list"
      data-testid="row-list"
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((virtual) => {
          const item = items[virtual.index];
          if (item === undefined) return null;
          return (
            <div
              key={item.key}
              role="presentation"
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${virtual.start}px)`,
              }}
            >
              <RowLine
                item={item}
                active={item.key === activeKey}
                needsAttention={attention.has(item.key)}
                onPick={onActivate}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
}
