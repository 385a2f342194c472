import { FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { vandaag } from '../../../platform/dag';
import { GRONDSLAGEN, GrondslagStatus, statusOp, WettelijkeGrondslag } from './grondslagen';

/** The register of statutory bases, for any employee: it holds no personal data. */
@Resolver(() => WettelijkeGrondslag)
export class GrondslagResolver {
  @Query(() => [WettelijkeGrondslag], {
    description:
      'The register of statutes a case conference may rest on (grondslag WETTELIJK), bills included, with ' +
      'the days they are in force and the partners they let share.',
  })
  grondslagen(): readonly WettelijkeGrondslag[] {
    return GRONDSLAGEN;
  }

  @FieldResolver(() => GrondslagStatus, { description: 'Whether it holds today (Europe/Amsterdam).' })
  status(@Root() grondslag: WettelijkeGrondslag): GrondslagStatus {
    return statusOp(grondslag, vandaag());
  }
}
