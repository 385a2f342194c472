import {
  activiteitId,
  inzageLogboekActiviteit,
  type Verwerkingsactiviteit,
} from '../../platform/audit/activities';
import type { Toegangsregels } from '../../platform/auth/policy';

/** Werk en Inkomen: its KLANTMANAGERs see their residents; partners see only whether a benefit runs. */
export const regels: Toegangsregels = {
  subgraph: 'werk-inkomen',
  medewerkers: ['KLANTMANAGER'],
  ketenzicht: [],
  partnerzicht: ['signaal'],
};

const id = (slug: string): string => activiteitId('werk-inkomen', slug);

/** The register of processing activities of Werk en Inkomen. */
export const ACTIVITEITEN = {
  uitkeringsverstrekking: {
    id: id('uitkeringsverstrekking'),
    naam: 'Verstrekken van bijstand en aanverwante uitkeringen',
    doel: 'Vaststellen en betalen van het recht op bijstand (Participatiewet, IOAW, IOAZ, Bbz)',
    grondslag: 'Participatiewet art. 7 en 62; IOAW; IOAZ; Bbz 2004',
    bewaartermijn: '10 jaar na beëindiging van de uitkering',
  },
  reintegratie: {
    id: id('reintegratie'),
    naam: 'Re-integratie en loonkostensubsidie',
    doel: 'Ondersteuning naar werk, vaststellen van loonwaarde en loonkostensubsidie',
    grondslag: 'Participatiewet art. 7, 10c, 10d',
    bewaartermijn: '7 jaar na beëindiging',
  },
  inburgering: {
    id: id('inburgering'),
    naam: 'Regie op inburgering',
    doel: 'Brede intake, persoonlijk plan inburgering en leerroute',
    grondslag: 'Wet inburgering 2021',
    bewaartermijn: '5 jaar na afronding',
  },
  ketenregie: {
    id: id('ketenregie'),
    naam: 'Regie in de ketenaanpak',
    doel: 'Partners laten zien of een uitkering loopt en welke; casusoverleggen voeren',
    grondslag: 'Participatiewet art. 7 lid 1 en 64; toestemming van de inwoner voor het casusoverleg',
    bewaartermijn: '2 jaar na sluiting van het casusoverleg',
  },
  signaalPlaatsing: {
    id: id('signaal-plaatsing'),
    naam: 'Signaal: plaatsing gestart tijdens uitkering',
    doel: 'De klantmanager weet dat een inwoner met een uitkering aan het werk gaat, voor de uitkering en de begeleiding',
    grondslag: 'Participatiewet art. 7 lid 1 en 64; Wet SUWI art. 9',
    bewaartermijn: '12 maanden na het signaal',
  },
  signaalSchuldhulp: {
    id: id('signaal-schuldhulp'),
    naam: 'Signaal: betalingsachterstand bij de Stadsbank',
    doel: 'De klantmanager weet dat er een signaal is over een inwoner met een uitkering, niet wat',
    grondslag:
      'Toestemming van de inwoner (AVG art. 6 lid 1 onder a), vastgelegd in een casusoverleg met de Stadsbank',
    bewaartermijn: '12 maanden na het signaal',
  },
  inzageLogboek: inzageLogboekActiviteit('werk-inkomen'),
} satisfies Record<string, Verwerkingsactiviteit>;
