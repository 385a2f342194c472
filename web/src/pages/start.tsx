import { useSession, heeftRol } from '../session';

/** The pages this user may use, by role. */
export function Start() {
  const { state } = useSession();
  const links: { href: string; titel: string; uitleg: string; rollen: string[] }[] = [
    {
      href: '/dashboard',
      titel: 'Regionaal dashboard',
      uitleg: 'Cijfers van de vijf ketenpartners per gemeente en periode, naast elkaar en tegen de regio.',
      rollen: ['ANALIST'],
    },
    {
      href: '/casusoverleggen',
      titel: 'Casusoverleggen',
      uitleg:
        'De casusoverleggen waaraan u deelneemt: toestemming, deelnemers, agenda en de situatie van de inwoner.',
      rollen: [
        'KLANTMANAGER',
        'TRAJECTBEGELEIDER',
        'ADVISEUR_WERK',
        'SCHULDHULPVERLENER',
        'LOOPBAANADVISEUR',
      ],
    },
    {
      href: '/signalen',
      titel: 'Signalen',
      uitleg:
        'Vroegsignalen van andere ketenpartners over inwoners voor wie u werkt: markeer ze als gezien of afgehandeld.',
      rollen: ['KLANTMANAGER', 'SCHULDHULPVERLENER'],
    },
    {
      href: '/gebruiksrapportage',
      titel: 'Gebruiksrapportage en logboek',
      uitleg: 'Wie raadpleegde wat bij uw organisatie: opvallend gebruik en het verwerkingenlogboek.',
      rollen: ['PRIVACY_OFFICER'],
    },
    {
      href: '/mijn-inzage',
      titel: 'Wie bekeek mijn gegevens',
      uitleg: 'Welke organisatie uw gegevens gebruikte, wanneer, waarvoor en op welke grondslag.',
      rollen: ['INWONER'],
    },
  ];
  const mine = links.filter((link) => heeftRol(state, ...link.rollen));
  return (
    <section aria-labelledby="start-titel">
      <h1 class="utrecht-heading-1" id="start-titel">
        Twente ketenhub
      </h1>
      <p class="utrecht-paragraph">
        Werk en Inkomen, SWB Midden Twente, Werkplein Twente, Stadsbank Oost Nederland en Werkcentrum Twente
        delen hier, ieder vanuit de eigen administratie, wat een rol mag zien.
      </p>
      {mine.length === 0 ? (
        <p class="utrecht-paragraph">Met uw rol is er in deze webtoepassing geen pagina voor u.</p>
      ) : (
        <ul class="utrecht-link-list hub-taken">
          {mine.map((link) => (
            <li class="utrecht-link-list__item" key={link.href}>
              <a class="utrecht-link" href={link.href}>
                {link.titel}
              </a>
              <p class="utrecht-paragraph">{link.uitleg}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
