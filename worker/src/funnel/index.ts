// The public face of `funnel`: what other capabilities may use (a dependency rule holds them to it).
export * from './engine/apply-onec';
export * from './engine/process-event';
export * from './leads/load';
export * from './tasks/access';
export * from './tasks/list';
export { listStages } from './config/stages';
