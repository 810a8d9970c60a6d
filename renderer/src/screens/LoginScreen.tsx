import { useState } from 'react';
import {
  Alert,
  Box,
  Container,
  Grid,
  List,
  Paper,
  Radio,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { CertificateView, TokenSnapshot, TokenView } from '../../../electron/contract/views';
import { ui } from '../../../domain/ui-text';
import { TokenCard } from '../components/TokenCard';
import { LoginPanel } from '../components/LoginPanel';
import { ErrorAlert } from '../components/ErrorAlert';
import { isSelectable } from '../components/CertificateOption';
import { AppHeader } from '../components/AppHeader';
import { LoginTabs } from '../accounts/LoginTabs';
import { DiagnosticsLink } from '../diagnostics/DiagnosticsLink';

const t = ui.login;

function findSelectable(
  snapshot: TokenSnapshot,
  id: string | null,
): { token: TokenView; cert: CertificateView } | null {
  for (const token of snapshot.tokens) {
    const cert = token.certificates.find((c) => c.id === id);
    if (cert && isSelectable(cert)) return { token, cert };
  }
  return null;
}

/** U盾登录: tokens appear and disappear live; pick a certificate, type the PIN, log in. */
export function LoginScreen({ snapshot }: { snapshot: TokenSnapshot }) {
  const [chosenId, setSelectedId] = useState<string | null>(null);
  const [ukeyShown, setUkeyShown] = useState(true);

  // A certificate that went away with its token (or became unusable) is no longer chosen.
  const selected = findSelectable(snapshot, chosenId);
  const selectedId = selected ? selected.cert.id : null;

  const demoOnly = snapshot.tokens.length > 0 && snapshot.tokens.every((token) => token.isDemo);

  return (
    <Box>
      <AppHeader />
      <Container size={1200} py="md">
        <Stack gap={4} mb="md">
          <Title order={2}>{t.title}</Title>
          <Text c="dimmed">{t.subtitle}</Text>
        </Stack>
        {snapshot.clock.skewed ? (
          <Alert color="orange" mb="md" role="status">
            {t.clockSkew(snapshot.clock.offsetMinutes)}
          </Alert>
        ) : null}
        {snapshot.moduleErrors.length > 0 ? (
          <Stack gap="xs" mb="md">
            <Text fw={600} size="sm">
              {t.moduleErrorsHeading}
            </Text>
            {snapshot.moduleErrors.map((error, i) => (
              <ErrorAlert key={`${error.code}-${i}`} error={error} />
            ))}
          </Stack>
        ) : null}
        <LoginTabs onUkeyShown={setUkeyShown} />
        <Grid gap="lg" display={ukeyShown ? undefined : 'none'}>
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Text fw={600} mb="xs">
              {t.tokensHeading}
            </Text>
            {demoOnly ? (
              <Alert color="yellow" mb="sm">
                {t.demoHint}
              </Alert>
            ) : null}
            {snapshot.tokens.length === 0 ? (
              <Paper withBorder p="lg" role="status">
                <Text fw={600} mb="xs">
                  {t.noToken}
                </Text>
                <List size="sm" spacing={4}>
                  {t.noTokenHelp.map((line) => (
                    <List.Item key={line}>{line}</List.Item>
                  ))}
                </List>
              </Paper>
            ) : (
              <ScrollArea.Autosize mah="calc(100vh - 230px)" type="auto" offsetScrollbars>
                <Radio.Group
                  value={selectedId}
                  onChange={setSelectedId}
                  aria-label={t.chooseCertificate}
                >
                  <Stack gap="sm">
                    {snapshot.tokens.map((token) => (
                      <TokenCard key={token.id} token={token} />
                    ))}
                  </Stack>
                </Radio.Group>
              </ScrollArea.Autosize>
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Paper withBorder p="lg" shadow="xs">
              <Title order={4} mb="sm">
                {t.ukeyTab}
              </Title>
              {selected ? (
                <LoginPanel
                  key={selected.cert.id}
                  token={selected.token}
                  cert={selected.cert}
                  onCancel={() => setSelectedId(null)}
                />
              ) : (
                <Text c="dimmed" size="sm">
                  {t.chooseCertificate}
                </Text>
              )}
            </Paper>
            <Text size="xs" c="dimmed" mt="sm">
              {t.footer}
            </Text>
            <DiagnosticsLink />
          </Grid.Col>
        </Grid>
      </Container>
    </Box>
  );
}
