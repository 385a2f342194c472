import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { composeSchema } from '../scripts/composition';

describe('README: its example documents are valid against the schema clients see', () => {
  let apiSchema: GraphQLSchema;
  let examples: string[];

  beforeAll(async () => {
    ({ apiSchema } = await composeSchema());
    const readme = await readFile(join(__dirname, '..', 'README.md'), 'utf8');
    examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1] as string);
  });

  it('has examples for a resident, the dashboard, a case conference and the access report', () => {
    const operations = examples.map((example) => /^(query|mutation) (\w+)/m.exec(example)?.[2]);
    expect(operations).toEqual(expect.arrayContaining(['Inwoner', 'Dashboard', 'Casus', 'Inzage']));
  });

  it('validates every example', () => {
    for (const example of examples) {
      expect({
        example: example.slice(0, 40),
        errors: validate(apiSchema, parse(example)).map((e) => e.message),
      }).toEqual({
        example: example.slice(0, 40),
        errors: [],
      });
    }
  });

  it('shows only images that are in the repository', async () => {
    const readme = await readFile(join(__dirname, '..', 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]+\]\(([^)]+)\)/g)].map((match) => match[1] as string);
    expect(images.length).toBeGreaterThanOrEqual(5);
    for (const image of images) await expect(access(join(__dirname, '..', image))).resolves.toBeUndefined();
  });
});
