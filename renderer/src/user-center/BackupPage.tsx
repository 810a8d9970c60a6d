import { useState } from 'react';
import {
  Alert,
  Button,
  Divider,
  FileButton,
  Group,
  Modal,
  PasswordInput,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ErrorInfo } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import { call, errorOf } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { fileToBase64, saveFile } from '../workspace/files';

const t = ui.trust.backup;

/** 备份与恢复: the person's data as a password-encrypted file, and its restore. */
export function BackupPage() {
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | null>(null);
  const [backupError, setBackupError] = useState<ErrorInfo | null>(null);

  const [file, setFile] = useState<File | null>(null);
  const [restorePassword, setRestorePassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const [restored, setRestored] = useState<string | null>(null);
  const [restoreError, setRestoreError] = useState<ErrorInfo | null>(null);

  const mismatch = again.length > 0 && again !== password;

  async function createBackup() {
    setCreating(true);
    setCreated(null);
    setBackupError(null);
    try {
      const output = await call('backup.create', { password });
      saveFile(output);
      setCreated(output.fileName);
      setPassword('');
      setAgain('');
    } catch (e) {
      setBackupError(errorOf(e));
    } finally {
      setCreating(false);
    }
  }

  async function restore() {
    if (!file) return;
    setConfirming(false);
    setRestoring(true);
    setRestored(null);
    setRestoreError(null);
    try {
      const base64 = await fileToBase64(file);
      const outcome = await call('backup.restore', {
        password: restorePassword,
        file: { fileName: file.name, base64 },
      });
      setRestored(
        t.restored(
          outcome.createdAt.slice(0, 16).replace('T', ' '),
          outcome.declarations,
          outcome.rosterPeople,
        ),
      );
      setRestorePassword('');
    } catch (e) {
      setRestoreError(errorOf(e));
    } finally {
      setRestoring(false);
    }
  }

  return (
    <Stack gap="md" maw={640} data-testid="backup-page">
      <Title order={4}>{t.title}</Title>
      <Stack gap="xs">
        <Title order={5}>{t.backupHeading}</Title>
        <Text size="sm" c="dimmed">
          {t.backupIntro}
        </Text>
        <PasswordInput
          label={t.password}
          description={t.passwordHint}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          autoComplete="new-password"
          w={360}
        />
        <PasswordInput
          label={t.passwordConfirm}
          value={again}
          onChange={(e) => setAgain(e.currentTarget.value)}
          error={mismatch ? t.mismatch : null}
          autoComplete="new-password"
          w={360}
        />
        <Group>
          <Button
            loading={creating}
            disabled={password.length === 0 || again !== password}
            onClick={() => void createBackup()}
          >
            {t.create}
          </Button>
        </Group>
        {created ? (
          <Alert color="green" variant="light" role="status" data-testid="backup-created">
            {t.created(created)}
          </Alert>
        ) : null}
        {backupError ? (
          <ErrorAlert error={backupError} onClose={() => setBackupError(null)} />
        ) : null}
      </Stack>
      <Divider />
      <Stack gap="xs">
        <Title order={5}>{t.restoreHeading}</Title>
        <Text size="sm" c="dimmed">
          {t.restoreIntro}
        </Text>
        <Group gap="sm">
          <FileButton
            accept=".sbbak"
            onChange={setFile}
            inputProps={{ 'aria-label': t.chooseFile, 'data-testid': 'restore-file' } as object}
          >
            {(props) => (
              <Button variant="default" {...props}>
                {t.chooseFile}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={file ? undefined : 'dimmed'}>
            {file?.name ?? t.noFile}
          </Text>
        </Group>
        <PasswordInput
          label={t.password}
          value={restorePassword}
          onChange={(e) => setRestorePassword(e.currentTarget.value)}
          autoComplete="off"
          w={360}
        />
        <Group>
          <Button
            color="orange"
            loading={restoring}
            disabled={!file || restorePassword.length === 0}
            onClick={() => setConfirming(true)}
          >
            {t.restore}
          </Button>
        </Group>
        {restored ? (
          <Alert color="green" variant="light" role="status" data-testid="restore-done">
            {restored}
          </Alert>
        ) : null}
        {restoreError ? (
          <ErrorAlert error={restoreError} onClose={() => setRestoreError(null)} />
        ) : null}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t.confirmTitle}>
        <Stack>
          <Text size="sm">{t.confirmText}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t.cancel}
            </Button>
            <Button color="orange" onClick={() => void restore()}>
              {t.confirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
