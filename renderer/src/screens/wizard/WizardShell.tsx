import './wizard.css';
import {
  Alert,
  AppShell,
  Box,
  Button,
  Divider,
  Group,
  Loader,
  NavLink,
  ScrollArea,
  Stack,
  Text,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import type { AssessmentSummary } from '../../../../shared/api/ops/assessments';
import { messageFor } from '../../api/messages';
import type { SectionKey } from '../../state/assessment-sections';
import { LocalTime } from '../dates/LocalTime';
import { useAssessmentStore } from '../../state/assessment-store';
import {
  PLACE_LABELS,
  WIZARD_STEPS,
  useNavigationStore,
  type Place,
} from '../../state/navigation-store';
import { MAIN_NAV_ID, NARROW_QUERY, NAV_TOGGLE_ID, useShellStore } from '../../state/shell-store';
import { AppVersionLine } from '../AppVersionLine';
import { EvidenceLibrary } from '../evidence/EvidenceLibrary';
import { VaultSettings } from '../vault/VaultSettings';
import { VerifyReport } from '../verify/VerifyReport';
import { useHeadingFocus } from './use-heading-focus';
import { AssessmentDetailsDialog } from './AssessmentDetailsDialog';
import { Attestation } from './Attestation';
import { ExecutiveSummary } from './ExecutiveSummary';
import { Home } from './Home';
import { LevelStep } from './LevelStep';
import { MerchantProfile } from './MerchantProfile';
import { Questionnaire } from './questionnaire/Questionnaire';
import { Review } from './Review';
import { SaqChoice } from './SaqChoice';

/** The sections each step edits: a change from another window to one of them reloads the step. */
const SECTIONS_ON: Readonly<Partial<Record<Place, readonly SectionKey[]>>> = {
  profile: ['profile'],
  level: ['level'],
  saq: ['saqAnswers', 'saqChoice'],
  summary: ['summary'],
  attestation: ['attestation'],
};

function PeriodText({ summary }: { readonly summary: AssessmentSummary }) {
  if (summary.periodStart === null && summary.periodEnd === null) return 'Period not set';
  return (
    <>
      {summary.periodStart === null ? '…' : <LocalTime value={summary.periodStart} />}
      {' to '}
      {summary.periodEnd === null ? '…' : <LocalTime value={summary.periodEnd} />}
    </>
  );
}

/** Says what happened when a change made in another window met this window's. */
function ConcurrencyNotice() {
  const notice = useAssessmentStore((state) => state.notice);
  const dismissNotice = useAssessmentStore((state) => state.dismissNotice);
  if (notice === null) return null;

  return (
    <Alert
      color="yellow"
      role="alert"
      title="Changed in another window"
      data-testid="concurrency-notice"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={dismissNotice}
    >
      {notice}
    </Alert>
  );
}

function Screen({ place }: { readonly place: Place }) {
  const detail = useAssessmentStore((state) => state.detail);
  const reloadEpoch = useAssessmentStore((state) => state.reloadEpoch);
  const openError = useAssessmentStore((state) => state.openError);
  const open = useAssessmentStore((state) => state.open);
  const go = useNavigationStore((state) => state.go);

  if (place === 'home') {
    return (
      <Home
        onOpen={(id) => {
          void open(id).then((result) => {
            if (!result.ok) return;
            const resume = result.value.resume;
            go(resume?.screen ?? 'profile', resume?.rowId);
          });
        }}
      />
    );
  }
  if (place === 'vault-settings') return <VaultSettings />;
  if (place === 'evidence') return <EvidenceLibrary />;
  if (place === 'verify') return <VerifyReport />;
  if (openError !== null) {
    return (
      <Alert color="red" role="alert" title="The assessment could not be opened">
        {messageFor(openError)}
      </Alert>
    );
  }
  if (detail === null) return <Loader aria-label="Loading the assessment" />;

  // Keyed by assessment so that each screen starts from the record it shows,
  // and by reload so that it starts again after another window's change.
  const key = `${detail.summary.id}-${String(reloadEpoch)}`;
  switch (place) {
    case 'profile':
      return <MerchantProfile key={key} detail={detail} />;
    case 'level':
      return <LevelStep key={key} detail={detail} />;
    case 'saq':
      return <SaqChoice key={key} detail={detail} />;
    case 'summary':
      return <ExecutiveSummary key={`${key}-${detail.questionnaire.id}`} detail={detail} />;
    case 'questionnaire':
      return <Questionnaire key={key} />;
    case 'review':
      return <Review key={key} detail={detail} />;
    case 'attestation':
      return <Attestation key={`${key}-${detail.summary.status}`} detail={detail} />;
  }
}

/** After unlock: navigation on the left (Home, the open assessment's steps, vault settings). */
export function WizardShell() {
  const place = useNavigationStore((state) => state.place);
  const go = useNavigationStore((state) => state.go);
  const detail = useAssessmentStore((state) => state.detail);
  const flushAnswers = useAssessmentStore((state) => state.flushAnswers);
  const showSections = useAssessmentStore((state) => state.showSections);
  const settleReload = useAssessmentStore((state) => state.settleReload);
  const reloadEpoch = useAssessmentStore((state) => state.reloadEpoch);
  const dismissNotice = useAssessmentStore((state) => state.dismissNotice);
  const [editingDetails, setEditingDetails] = useState(false);
  const navOpened = useShellStore((state) => state.navOpened);
  const setNavPresent = useShellStore((state) => state.setNavPresent);
  const closeNav = useShellStore((state) => state.closeNav);
  // The opened navigation covers the page on a narrow window: the page behind
  // it is out of the tab order until it closes.
  const narrow = useMediaQuery(NARROW_QUERY);
  useHeadingFocus(place);
  const stepIndex = (WIZARD_STEPS as readonly Place[]).indexOf(place);
  const nextStep = stepIndex >= 0 ? WIZARD_STEPS[stepIndex + 1] : undefined;
  const previousStep = stepIndex > 0 ? WIZARD_STEPS[stepIndex - 1] : undefined;

  // The app frame makes room for the navigation while this shell is shown.
  useEffect(() => {
    setNavPresent(true);
    return () => {
      setNavPresent(false);
    };
  }, [setNavPresent]);

  useEffect(() => {
    showSections(SECTIONS_ON[place] ?? []);
  }, [place, showSections]);

  // Runs after the replaced screen has closed (and flushed what it still held).
  useEffect(() => {
    settleReload();
  }, [reloadEpoch, settleReload]);

  function goTo(next: Place) {
    // A notice is about the step it appeared on.
    dismissNotice();
    void flushAnswers();
    // On a narrow window the opened navigation covers the page: a choice closes it.
    closeNav();
    go(next);
  }

  return (
    <>
      <AppShell.Navbar
        id={MAIN_NAV_ID}
        aria-label="Main"
        className="app-navbar"
        data-opened={navOpened}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || !navOpened) return;
          closeNav();
          document.getElementById(NAV_TOGGLE_ID)?.focus();
        }}
      >
        <AppShell.Section grow component={ScrollArea} p="xs">
          <NavLink
            component="button"
            label={PLACE_LABELS.home}
            active={place === 'home'}
            aria-current={place === 'home' ? 'page' : undefined}
            onClick={() => {
              goTo('home');
            }}
          />
          {detail !== null ? (
            <>
              <Divider my="xs" />
              <Text size="xs" fw={700} px="sm" id="steps-heading" data-testid="assessment-title">
                {detail.summary.title}
              </Text>
              <Text size="xs" px="sm" data-testid="assessment-period">
                <PeriodText summary={detail.summary} />
              </Text>
              {detail.summary.status === 'draft' ? (
                <Button
                  variant="subtle"
                  size="compact-xs"
                  ml={5}
                  onClick={() => {
                    setEditingDetails(true);
                  }}
                >
                  Edit title and period
                </Button>
              ) : null}
              {editingDetails ? (
                <AssessmentDetailsDialog
                  summary={detail.summary}
                  onClose={() => {
                    setEditingDetails(false);
                  }}
                />
              ) : null}
              <div role="list" aria-labelledby="steps-heading">
                {WIZARD_STEPS.map((step, index) => (
                  <div role="listitem" key={step}>
                    <NavLink
                      component="button"
                      label={`${String(index + 1)}. ${PLACE_LABELS[step]}`}
                      active={place === step}
                      aria-current={place === step ? 'step' : undefined}
                      onClick={() => {
                        goTo(step);
                      }}
                    />
                  </div>
                ))}
              </div>
            </>
          ) : null}
          <Divider my="xs" />
          <NavLink
            component="button"
            label={PLACE_LABELS.evidence}
            active={place === 'evidence'}
            aria-current={place === 'evidence' ? 'page' : undefined}
            onClick={() => {
              goTo('evidence');
            }}
          />
          <NavLink
            component="button"
            label={PLACE_LABELS.verify}
            active={place === 'verify'}
            aria-current={place === 'verify' ? 'page' : undefined}
            onClick={() => {
              goTo('verify');
            }}
          />
          <NavLink
            component="button"
            label={PLACE_LABELS['vault-settings']}
            active={place === 'vault-settings'}
            aria-current={place === 'vault-settings' ? 'page' : undefined}
            onClick={() => {
              goTo('vault-settings');
            }}
          />
        </AppShell.Section>
        <AppShell.Section>
          <AppVersionLine />
        </AppShell.Section>
      </AppShell.Navbar>
      <Box miw={0} inert={narrow && navOpened}>
        <Stack gap="md">
          <ConcurrencyNotice />
          <Screen place={place} />
          {detail !== null && stepIndex >= 0 ? (
            <Group justify="space-between">
              {previousStep !== undefined ? (
                <Button
                  variant="default"
                  onClick={() => {
                    goTo(previousStep);
                  }}
                >
                  {`Back: ${PLACE_LABELS[previousStep]}`}
                </Button>
              ) : (
                <span />
              )}
              {nextStep !== undefined ? (
                <Button
                  onClick={() => {
                    goTo(nextStep);
                  }}
                >
                  {`Next: ${PLACE_LABELS[nextStep]}`}
                </Button>
              ) : null}
            </Group>
          ) : null}
        </Stack>
      </Box>
    </>
  );
}
