import { validatePartner } from '../partner-new';

const known = { names: ['werk-inkomen', 'swb'], organisaties: ['wi-bhh', 'swb'] };

describe('partner:new validates the new partner before it writes anything', () => {
  it.each([
    ['Taalhuis', /kebab-case/],
    ['taal_huis', /kebab-case/],
    ['taal--huis', /kebab-case/],
    ['-taalhuis', /kebab-case/],
    ['1taalhuis', /kebab-case/],
    ['a'.repeat(31), /longer than 30/],
    ['swb', /exists already/],
  ])('refuses the name %s', (name, reason) => {
    expect(validatePartner({ name }, known)).toMatch(reason);
  });

  it('refuses an organisation or role that does not fit', () => {
    expect(validatePartner({ name: 'taalhuis', organisatie: 'wi-bhh' }, known)).toMatch(
      /organisation wi-bhh/,
    );
    expect(validatePartner({ name: 'taalhuis', organisatie: 'regio' }, known)).toMatch(/organisation regio/);
    expect(validatePartner({ name: 'taalhuis', rol: 'medewerker' }, known)).toMatch(/UPPER_SNAKE_CASE/);
    expect(validatePartner({ name: 'taalhuis', rol: 'ANALIST' }, known)).toMatch(/not a case role/);
  });

  it('accepts a new kebab-case name, by default with its own organisation and role', () => {
    expect(validatePartner({ name: 'taalhuis' }, known)).toBeNull();
    expect(validatePartner({ name: 'zorg-en-welzijn', rol: 'WIJKCOACH' }, known)).toBeNull();
  });
});
