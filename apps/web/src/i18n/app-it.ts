import type { AppMessages } from './app-en.js';

export const appIt: AppMessages = {
  clinrank: {
    app: { title: 'clinrank', language: 'Lingua' },
    menu: { work: 'Annotazione', projects: 'Progetti', users: 'Utenti', progress: 'Avanzamento', disagreements: 'Disaccordi', audit: 'Registro di audit', datasets: 'Dataset', trainingRuns: 'Addestramenti', evaluations: 'Valutazioni', agreement: 'Accordo', trainingNodes: 'Nodi GPU' },
    ws: {
      title: 'Area di annotazione', loading: 'Caricamento del prossimo compito…', empty: 'Nessun compito in attesa. Grazie!', question: 'Domanda', dialogue: 'Conversazione',
      role_user: 'Paziente', role_assistant: 'Assistente', role_system: 'Sistema', answer: 'Risposta %{label}', shown_first: 'mostrata per prima', shown_second: 'mostrata per seconda', criterion: 'Criterio',
      choice: { a: 'A è migliore', b: 'B è migliore', tie: 'Pari', both_bad: 'Entrambe pessime' },
      strength: { label: 'Intensità', slightly: 'Poco', much: 'Molto' },
      criteria: { verdict: 'Verdetto', overall: 'Complessivo', accuracy: 'Accuratezza', helpfulness: 'Utilità', safety: 'Sicurezza', completeness: 'Completezza', clarity: 'Chiarezza', empathy: 'Empatia' },
      flags: { label: 'Segnalazioni', unsafe: 'Pericolosa', factual_error: 'Errore fattuale', contains_phi: 'Dati del paziente', not_answerable: 'Senza risposta possibile', wrong_language: 'Lingua sbagliata' },
      rationale: 'Motivazione', rationale_required: 'Questo progetto richiede una motivazione.', rewrite: 'Riscrivi la risposta migliore', rewrite_hint: 'Facoltativo: una versione migliorata della risposta migliore',
      submit: 'Invia', skip: 'Salta', skip_title: 'Salta questo compito', skip_reason: 'Motivo',
      skip_reasons: { outside_expertise: 'Fuori dalla mia specialità', unclear: 'Domanda poco chiara', language: 'Non leggo questa lingua', other: 'Altro' },
      cancel: 'Annulla', undo: 'Annulla invio', undone: 'Ultimo invio ritirato', submitted: 'Salvato', help: 'Scorciatoie da tastiera', guidelines: 'Linee guida', guidelines_version: 'Linee guida v%{version}',
      done_today: 'Fatti oggi', remaining: 'Rimanenti', timer: 'Tempo sul compito', retrying: 'Problema di connessione: la risposta è conservata e verrà reinviata…', draft_restored: 'La risposta non inviata è stata ripristinata.',
      incomplete: 'Scegli prima una risposta per ogni criterio.', lease_expired: 'Il compito è scaduto; ne è stato caricato uno nuovo.',
      rank: 'Posizione', ranking_hint: 'La migliore prima. Trascina, oppure ↑/↓ per scegliere e Alt+↑/↓ per spostare.', move_up: 'Su', move_down: 'Giù', tie_above: 'Pari con quella sopra', untie: 'Separa', tied: 'pari',
      rating_hint: 'Valuta ogni risposta da %{min} a %{max}.', project: 'Progetto', any_project: 'Qualsiasi progetto',
      validation: { candidate: 'Risposta candidata', verdict_label: 'Verdetto', verdict: { accept: 'Accetta', reject: 'Rifiuta', fix: 'Correggi' }, reasons_required: 'Perché viene rifiutata?', reasons_optional: 'Che cosa non andava? (facoltativo)', reasons: { factually_incorrect: 'Errore fattuale', unsafe: 'Consiglio non sicuro', incomplete: 'Incompleta', outdated: 'Superata', off_topic: 'Non risponde alla domanda', question_flawed: 'Domanda mal posta', wrong_language: 'Lingua sbagliata', poorly_written: 'Scritta male' }, fixed_text: 'Risposta corretta', fixed_hint: 'Correggi la risposta; sostituisce la candidata nelle esportazioni. Esc esce dall\'editor, Ctrl+Invio invia.', incomplete: 'Scegli prima accetta, rifiuta o correggi.', reason_required: 'Scegli almeno un motivo del rifiuto.', fix_required: 'Scrivi la risposta corretta.', fix_unchanged: 'La risposta corretta è invariata: modificala, o accetta la candidata così com’è.' },
      keys: { verdict: 'Accetta / rifiuta / correggi (validazione); E modifica la risposta corretta', reasons: 'Attiva / disattiva un motivo (riga dei motivi)', choose: 'A / B / pari / entrambe pessime sul criterio attivo', strength: 'Poco / molto', move: 'Criterio (o risposta) precedente / successivo', reorder: 'Sposta su / giù la risposta scelta', submit: 'Invia', skip: 'Salta (chiede un motivo)', undo: "Annulla l'ultimo invio (2 minuti)", guidelines: 'Apri le linee guida', help: 'Mostra questo aiuto' },
    },
    projects: {
      fields: { name: 'Nome', slug: 'Identificativo', kind: 'Tipo di compito', criteria: 'Criteri', overlap: 'Etichette per elemento', goldRate: 'Tasso di controllo', languages: 'Lingue', specialties: 'Specialità', allowTies: 'Consenti pari', requireRationale: 'Richiedi motivazione', scaleMin: 'Scala min', scaleMax: 'Scala max', leaseSeconds: 'Riserva compito (s)', locked: 'Bloccato', guidelines: 'Linee guida (markdown)', guidelineVersion: 'Versione linee guida' },
      import: 'Importa elementi', import_file: 'File JSONL', strict: 'Tutto o niente', import_run: 'Carica', import_report: 'Importati %{imported}, aggiornati %{updated}, invariati %{unchanged}, rifiutati %{rejected}',
      line: 'Riga', field: 'Campo', reason: 'Motivo', lock: 'Blocca', unlock: 'Sblocca', preview: 'Anteprima', edit_markdown: 'Scrivi',
    },
    users: { fields: { username: 'Nome utente', displayName: 'Nome', role: 'Ruolo', languages: 'Lingue', specialties: 'Specialità', active: 'Attivo', password: 'Password' }, reset: 'Reimposta password', new_password: 'Nuova password', reset_done: 'Password cambiata' },
    progress: { title: 'Avanzamento', items: 'Elementi', complete: 'Completati', pending: 'In attesa', in_progress: 'In corso', labels: 'Etichette', per_day: 'Etichette per annotatore al giorno', annotator: 'Annotatore', today: 'Oggi', median: 'Tempo mediano', skipped: 'Saltati', choose_project: 'Scegli un progetto' },
    disagreements: { item: 'Elemento', choose_project: 'Scegli un progetto per vedere gli elementi le cui etichette divergono.', none_in_project: 'Nessun disaccordo su %{criterion}: le etichette di ogni elemento concordano.', verdicts: { tie: 'Pareggio', both_bad: 'Entrambe cattive' }, next: 'Disaccordo successivo', next_none: 'Nessun altro disaccordo attende una decisione.', start_from: 'Parti da:', saved_adjudication: 'Arbitrato salvato', title: 'Disaccordi', agreement: 'Accordo', majority: 'Maggioranza', adjudicated: 'Arbitrato', review: 'Esamina', adjudicate: 'Arbitra', save: "Salva l'arbitrato", saved: 'Arbitrato salvato', labels: 'Etichette', annotator: 'Annotatore', display_order: 'Mostrato come' },
    audit: { title: 'Registro di audit', at: 'Quando', actor: 'Chi', action: 'Azione', entityType: 'Entità', entityId: 'Id', from: 'Dal', to: 'Al', details: 'Dettagli' },
  },
};
