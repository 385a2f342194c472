// The inbox and the two partners' mutations; the registry collects them as trusted documents.

/** What the page shows of a signal, in the inbox and as one arrives. */
const SIGNAALREGEL = `  fragment Signaalregel on Signaal {
    id
    ontvanger
    omschrijving
    bsn
    gemeente
    ontvangenOp
    status
    gezienDoor
    gezienOp
    afgehandeldDoor
    afgehandeldOp
  }
`;

export const SIGNALENINBOX = /* GraphQL */ `
  query Signaleninbox {
    signaleninbox(first: 100) {
      werkInkomen {
        ...Signaalregel
      }
      schuldhulp {
        ...Signaalregel
      }
    }
  }
  ${SIGNAALREGEL}
`;

export const ZET_SIGNAALSTATUS_WERK_INKOMEN = /* GraphQL */ `
  mutation ZetSignaalstatusWerkInkomen($id: ID!, $status: SignaalStatus!) {
    zetSignaalstatusWerkInkomen(id: $id, status: $status) {
      id
      status
    }
  }
`;

export const ZET_SIGNAALSTATUS_SCHULDHULP = /* GraphQL */ `
  mutation ZetSignaalstatusSchuldhulp($id: ID!, $status: SignaalStatus!) {
    zetSignaalstatusSchuldhulp(id: $id, status: $status) {
      id
      status
    }
  }
`;

// New signals as they arrive, one subscription per receiving partner (a root field belongs to one).
export const SIGNAAL_ONTVANGEN_WERK_INKOMEN = /* GraphQL */ `
  subscription SignaalOntvangenWerkInkomen {
    signaalOntvangenWerkInkomen {
      ...Signaalregel
    }
  }
  ${SIGNAALREGEL}
`;

export const SIGNAAL_ONTVANGEN_SCHULDHULP = /* GraphQL */ `
  subscription SignaalOntvangenSchuldhulp {
    signaalOntvangenSchuldhulp {
      ...Signaalregel
    }
  }
  ${SIGNAALREGEL}
`;
