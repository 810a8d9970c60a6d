import { createTheme } from '@mantine/core';

// Fonts that Windows and Linux offices actually have for Simplified Chinese.
export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily:
    '"Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif',
  defaultRadius: 'md',
});
