import { Directive, Field, ObjectType } from 'type-graphql';

@ObjectType('Gemeente', { description: 'A municipality, identified by its CBS code (e.g. GM0164).' })
@Directive('@key(fields: "code")')
export class Gemeente {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  naam!: string;
}
