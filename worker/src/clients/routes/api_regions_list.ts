import { RegionList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listRegions } from '../regions/list';

export default defineRoute({
  method: 'get',
  path: '/api/regions',
  tag: 'directory',
  summary: 'Регионы / Regions',
  access: ['session', 'extension'],
  response: RegionList,
  handler: ({ ctx }) => listRegions({ ctx }),
});
