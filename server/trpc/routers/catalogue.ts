import { z } from 'zod';
import { REGIONS } from '../../../shared/reference/provinces';
import { AppError } from '../../../shared/errors';
import { createTRPCRouter, publicProcedure } from '../init';
import { kpiCatalogueOutput, orgUnitWithFamilyOutput, regionsOutput } from '../outputs';

export const catalogueRouter = createTRPCRouter({
  /** every KPI definition, as in kpi-definitions/ */
  kpis: publicProcedure.output(kpiCatalogueOutput).query(({ ctx }) => ctx.app.catalogue.all),

  regions: publicProcedure.output(regionsOutput).query(() => REGIONS),

  /** one org unit with its path from the nation and its children */
  orgUnit: publicProcedure
    .input(z.union([z.object({ id: z.number().int() }), z.object({ code: z.string().min(1).max(20) })]))
    .output(orgUnitWithFamilyOutput)
    .query(({ ctx, input }) => {
      const tree = ctx.app.orgUnits();
      const unit = 'id' in input ? tree.byIdOrUndefined(input.id) : tree.byCodeOrUndefined(input.code);
      if (!unit) throw new AppError('NOT_FOUND', { vi: 'Không tìm thấy đơn vị', en: 'Org unit not found' });
      return { unit, path: tree.pathTo(unit.id), children: tree.childrenOf(unit.id) };
    }),
});
