import { RegionList } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { listRegions } from '../services/regions/list';

export default defineRoute({
  method: 'get', path: '/api/regions', tag: 'directory', summary: 'Регионы / Regions',
  access: ['session', 'extension'], response: RegionList,
  handler: ({ ctx }) => listRegions({ ctx }),
});
