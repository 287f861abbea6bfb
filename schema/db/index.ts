export * from './people';
export * from './clients';
export * from './funnel';
export * from './timeline';
export * from './system';
export * from './imports';
export * from './search';
export * from './integrations';
