import { SESSIONS, type Row } from './foundation';

export const lookupRows: Row[] = [
  {
    route: 'GET /api/lookup',
    name: 'caller lookup: people, the extension and the signed PBX',
    path: `/api/lookup?phone=${encodeURIComponent('8 (495) 123-45-67')}`,
    allowed: [...SESSIONS, 'extension', 'machine'],
  },
];
