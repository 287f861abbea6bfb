export * from './people';
export * from './clients';
export * from './funnel';
export * from './timeline';
export * from './system';
