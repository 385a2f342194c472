import { Arg, Int, Query, Resolver } from 'type-graphql';
import { zoekvraagVan } from '../../../platform/audit/logboek';
import { LogboekFilter, logboekBron, type LogboekBron } from '../../../platform/audit/logboek.type';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../platform/pagination';
import { Logboek } from './logboek.type';

/**
 * The entry point of a log search. Werk-inkomen only validates the filter and names the search; every
 * subgraph, this one included, decides on and answers its own field.
 */
@Resolver(() => Logboek)
export class LogboekQueryResolver {
  @Query(() => Logboek, {
    description:
      'Searches the processing log of every partner (Logboek dataverwerkingen, "lezen"). For a ' +
      'PRIVACY_OFFICER: purpose toezicht for the own organisation, inzageverzoek with a bsn for a ' +
      "resident's access report across the chain.",
  })
  logboek(
    @Arg('filter', () => LogboekFilter) filter: LogboekFilter,
    @Arg('first', () => Int, {
      nullable: true,
      description: `Lines per partner, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
    })
    first: number | null,
  ): LogboekBron {
    return logboekBron(zoekvraagVan(filter, first));
  }
}
