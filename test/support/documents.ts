/** The chain view of a KLANTMANAGER: one resident, read in each of the five subgraphs. */
export const KETENBEELD = /* GraphQL */ `
  query Ketenbeeld($bsn: BSN!) {
    inwoner(bsn: $bsn) {
      naam
      trajecten {
        soort
      }
      plaatsingen {
        soort
      }
      schuldhulpstatus {
        fase
      }
      ontwikkeltrajecten {
        soort
      }
    }
  }
`;
