export * from './kinds';
export * from './region-table';
export * from './contribution';
export * from './working-age';
