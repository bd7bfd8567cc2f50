import './wizard.css';
import { Alert, Box, Button, Divider, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { messageFor } from '../../api/messages';
import { useAssessmentStore } from '../../state/assessment-store';
import {
  PLACE_LABELS,
  WIZARD_STEPS,
  useNavigationStore,
  type Place,
} from '../../state/navigation-store';
import { EvidenceLibrary } from '../evidence/EvidenceLibrary';
import { VaultSettings } from '../vault/VaultSettings';
import { Attestation } from './Attestation';
import { ExecutiveSummary } from './ExecutiveSummary';
import { Home } from './Home';
import { LevelStep } from './LevelStep';
import { MerchantProfile } from './MerchantProfile';
import { Questionnaire } from './questionnaire/Questionnaire';
import { Review } from './Review';
import { SaqChoice } from './SaqChoice';

function Screen({ place }: { readonly place: Place }) {
  const detail = useAssessmentStore((state) => state.detail);
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
  if (openError !== null) {
    return (
      <Alert color="red" role="alert" title="The assessment could not be opened">
        {messageFor(openError)}
      </Alert>
    );
  }
  if (detail === null) return <Loader aria-label="Loading the assessment" />;

  // Keyed by assessment so that each screen starts from the record it shows.
  const key = detail.summary.id;
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
  const stepIndex = (WIZARD_STEPS as readonly Place[]).indexOf(place);
  const nextStep = stepIndex >= 0 ? WIZARD_STEPS[stepIndex + 1] : undefined;
  const previousStep = stepIndex > 0 ? WIZARD_STEPS[stepIndex - 1] : undefined;

  function goTo(next: Place) {
    void flushAnswers();
    go(next);
  }

  return (
    <Group align="flex-start" wrap="nowrap" gap="lg">
      <Box component="nav" aria-label="Main" w={220} style={{ flexShrink: 0 }}>
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
            <Text size="xs" fw={700} px="sm" id="steps-heading">
              {detail.summary.title}
            </Text>
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
          label={PLACE_LABELS['vault-settings']}
          active={place === 'vault-settings'}
          aria-current={place === 'vault-settings' ? 'page' : undefined}
          onClick={() => {
            goTo('vault-settings');
          }}
        />
      </Box>
      <Box style={{ flex: 1, minWidth: 0 }}>
        <Stack gap="md">
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
    </Group>
  );
}
