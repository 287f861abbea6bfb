export * from './common';
export * from './auth';
export * from './directory';
export * from './companies';
export * from './system';
export * from './imports';
export * from './onec';
export * from './funnel';
