import { MantineProvider, TextInput } from '@mantine/core';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../../../shared/api/errors';
import { refusalMatches, useCardDataGuard } from './use-card-data-guard';

const TEST_CARD = '4111 1111 1111 1111';

function Form({ error, initial }: { readonly error: ApiError | null; readonly initial: string }) {
  const [company, setCompany] = useState(initial);
  const [website, setWebsite] = useState('shop.example');
  const guard = useCardDataGuard(error);

  return (
    <MantineProvider>
      <TextInput
        label="Website"
        value={website}
        {...guard.field('merchant.website', website, setWebsite, 'Check the address')}
        onChange={(event) => {
          setWebsite(event.currentTarget.value);
        }}
      />
      <TextInput
        label="Company name"
        value={company}
        {...guard.field('merchant.companyName', company, setCompany)}
        onChange={(event) => {
          setCompany(event.currentTarget.value);
        }}
      />
    </MantineProvider>
  );
}

const refusal: ApiError = {
  code: 'CARD_DATA_DETECTED',
  message: 'Refused to store a card number in merchant.companyName.',
  path: 'merchant.companyName',
};

afterEach(cleanup);

describe('useCardDataGuard', () => {
  it('marks the refused field, explains why, focuses it and masks the number on request', () => {
    render(<Form error={refusal} initial={`Harbour Lane ${TEST_CARD}`} />);
    const company = screen.getByLabelText('Company name');

    expect(company.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(company);
    const described = company.getAttribute('aria-describedby') ?? '';
    const explanation = described
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    expect(explanation).toMatch(/electronic storage of account data/);
    expect(explanation).toMatch(/every SAQ except SAQ D/);

    fireEvent.click(screen.getByRole('button', { name: /^Mask it/ }));

    expect((company as HTMLInputElement).value).toBe('Harbour Lane 4111 11** **** 1111');
    expect(company.getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('button', { name: /^Mask it/ })).toBeNull();
  });

  it('leaves other fields with their own error, and a field without card data alone', () => {
    render(<Form error={refusal} initial="Harbour Lane" />);

    expect(screen.getByLabelText('Company name').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByLabelText('Website').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Check the address')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Mask it/ })).toBeNull();
  });

  it('ignores refusals of other kinds', () => {
    render(
      <Form
        error={{ code: 'INVALID_INPUT', message: 'no', path: 'merchant.companyName' }}
        initial={TEST_CARD}
      />,
    );

    expect(screen.getByLabelText('Company name').getAttribute('aria-invalid')).toBeNull();
  });
});

describe('refusalMatches', () => {
  it.each([
    ['assessor.isaNames.0', 'assessor.isaNames', true],
    ['merchant.companyName', 'merchant.companyName', true],
    ['merchant.companyNameX', 'merchant.companyName', false],
    ['notes', 'payload.notes', false],
  ])('%s against the field %s: %s', (refused, field, expected) => {
    expect(refusalMatches(refused, field)).toBe(expected);
  });
});
