// The public face of `clients`: what other capabilities may use (a dependency rule holds them to it).
export * from './companies/card';
export * from './companies/create';
export * from './companies/load-live';
export * from './dedup/normalize-input';
export * from './dedup/prospect';
export * from './dedup/write-contacts';
export * from './regions/list';
