export * from './fields';
export * from './roster';
export * from './addition';
export * from './reduction';
export * from './base-declaration';
export * from './monthly';
export * from './findings';
export * from './checks';
