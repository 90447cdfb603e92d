import type { AppMessages } from './app-en.js';

export const appFr: AppMessages = {
  clinrank: {
    app: { title: 'clinrank', language: 'Langue' },
    menu: { work: 'Annotation', projects: 'Projets', users: 'Utilisateurs', progress: 'Avancement', disagreements: 'Désaccords', audit: "Journal d'audit", datasets: 'Jeux de données', trainingRuns: 'Entraînements', evaluations: 'Évaluations', agreement: 'Accord', trainingNodes: 'Nœuds GPU' },
    ws: {
      title: "Espace d'annotation", loading: 'Chargement de la tâche suivante…', empty: 'Aucune tâche en attente. Merci !', question: 'Question', dialogue: 'Conversation',
      role_user: 'Patient', role_assistant: 'Assistant', role_system: 'Système', answer: 'Réponse %{label}', shown_first: 'affichée en premier', shown_second: 'affichée en second', criterion: 'Critère',
      choice: { a: 'A est meilleure', b: 'B est meilleure', tie: 'Égalité', both_bad: 'Les deux mauvaises' },
      strength: { label: 'Intensité', slightly: 'Un peu', much: 'Beaucoup' },
      criteria: { verdict: 'Verdict', overall: 'Global', accuracy: 'Exactitude', helpfulness: 'Utilité', safety: 'Sécurité', completeness: 'Complétude', clarity: 'Clarté', empathy: 'Empathie' },
      flags: { label: 'Signalements', unsafe: 'Dangereux', factual_error: 'Erreur factuelle', contains_phi: 'Données patient', not_answerable: 'Sans réponse possible', wrong_language: 'Mauvaise langue' },
      rationale: 'Justification', rationale_required: 'Une justification est exigée pour ce projet.', rewrite: 'Réécrire la meilleure réponse', rewrite_hint: 'Facultatif : une version améliorée de la meilleure réponse',
      submit: 'Envoyer', skip: 'Passer', skip_title: 'Passer cette tâche', skip_reason: 'Motif',
      skip_reasons: { outside_expertise: 'Hors de mon domaine', unclear: 'Question peu claire', language: 'Je ne lis pas cette langue', other: 'Autre' },
      cancel: 'Annuler', undo: 'Annuler l’envoi', undone: 'Dernier envoi retiré', submitted: 'Enregistré', help: 'Raccourcis clavier', guidelines: 'Consignes', guidelines_version: 'Consignes v%{version}',
      done_today: "Faites aujourd'hui", remaining: 'Restantes', timer: 'Temps sur la tâche', retrying: 'Problème de connexion : votre réponse est conservée et sera renvoyée…', draft_restored: 'Votre réponse non envoyée a été restaurée.',
      incomplete: "Choisissez d'abord une réponse pour chaque critère.", lease_expired: 'Cette tâche a expiré ; une nouvelle tâche a été chargée.',
      rank: 'Rang', ranking_hint: 'La meilleure en premier. Glissez, ou ↑/↓ pour choisir et Alt+↑/↓ pour déplacer.', move_up: 'Monter', move_down: 'Descendre', tie_above: 'À égalité avec celle du dessus', untie: 'Séparer', tied: 'à égalité',
      rating_hint: 'Notez chaque réponse de %{min} à %{max}.', project: 'Projet', any_project: 'Tout projet',
      validation: { candidate: 'Réponse candidate', verdict_label: 'Verdict', verdict: { accept: 'Accepter', reject: 'Rejeter', fix: 'Corriger' }, reasons_required: 'Pourquoi la rejeter ?', reasons_optional: 'Qu\'est-ce qui n\'allait pas ? (facultatif)', reasons: { factually_incorrect: 'Erreur factuelle', unsafe: 'Conseil dangereux', incomplete: 'Incomplète', outdated: 'Obsolète', off_topic: 'Ne répond pas à la question', question_flawed: 'Question mal posée', wrong_language: 'Mauvaise langue', poorly_written: 'Mal rédigée' }, fixed_text: 'Réponse corrigée', fixed_hint: 'Corrigez la réponse ; elle remplace la candidate dans les exports. Échap quitte l\'éditeur, Ctrl+Entrée envoie.', incomplete: 'Choisissez d\'abord accepter, rejeter ou corriger.', reason_required: 'Choisissez au moins une raison du rejet.', fix_required: 'Écrivez la réponse corrigée.', fix_unchanged: 'La réponse corrigée est identique : modifiez-la, ou acceptez la candidate telle quelle.' },
      keys: { verdict: 'Accepter / rejeter / corriger (validation) ; E modifie la réponse corrigée', reasons: 'Cocher / décocher une raison (ligne des raisons)', choose: 'A / B / égalité / les deux mauvaises pour le critère actif', strength: 'Un peu / beaucoup', move: 'Critère (ou réponse) précédent / suivant', reorder: 'Monter / descendre la réponse choisie', submit: 'Envoyer', skip: 'Passer (demande un motif)', undo: 'Annuler le dernier envoi (2 minutes)', guidelines: 'Ouvrir les consignes', help: 'Afficher cette aide' },
    },
    projects: {
      fields: { name: 'Nom', slug: 'Identifiant', kind: 'Type de tâche', criteria: 'Critères', overlap: 'Annotations par élément', goldRate: 'Taux de contrôle', languages: 'Langues', specialties: 'Spécialités', allowTies: 'Égalités permises', requireRationale: 'Justification exigée', scaleMin: 'Échelle min', scaleMax: 'Échelle max', leaseSeconds: 'Bail de tâche (s)', locked: 'Verrouillé', guidelines: 'Consignes (markdown)', guidelineVersion: 'Version des consignes' },
      import: 'Importer des éléments', import_file: 'Fichier JSONL', strict: 'Tout ou rien', import_run: 'Téléverser', import_report: 'Importés %{imported}, modifiés %{updated}, inchangés %{unchanged}, rejetés %{rejected}',
      line: 'Ligne', field: 'Champ', reason: 'Raison', lock: 'Verrouiller', unlock: 'Déverrouiller', preview: 'Aperçu', edit_markdown: 'Écrire',
    },
    users: { fields: { username: "Nom d'utilisateur", displayName: 'Nom', role: 'Rôle', languages: 'Langues', specialties: 'Spécialités', active: 'Actif', password: 'Mot de passe' }, reset: 'Réinitialiser le mot de passe', new_password: 'Nouveau mot de passe', reset_done: 'Mot de passe modifié' },
    progress: { title: 'Avancement', items: 'Éléments', complete: 'Terminés', pending: 'En attente', in_progress: 'En cours', labels: 'Annotations', per_day: 'Annotations par annotateur et par jour', annotator: 'Annotateur', today: "Aujourd'hui", median: 'Temps médian', skipped: 'Passées', choose_project: 'Choisissez un projet' },
    disagreements: { item: 'Élément', choose_project: 'Choisissez un projet pour voir les éléments dont les annotations divergent.', none_in_project: 'Aucun désaccord sur %{criterion} : les annotations de chaque élément concordent.', verdicts: { tie: 'Égalité', both_bad: 'Les deux mauvaises' }, next: 'Désaccord suivant', next_none: 'Aucun autre désaccord n\'attend de décision.', start_from: 'Partir de :', saved_adjudication: 'Arbitrage enregistré', title: 'Désaccords', agreement: 'Accord', majority: 'Majorité', adjudicated: 'Arbitré', review: 'Examiner', adjudicate: 'Arbitrer', save: "Enregistrer l'arbitrage", saved: 'Arbitrage enregistré', labels: 'Annotations', annotator: 'Annotateur', display_order: 'Affiché comme' },
    audit: { title: "Journal d'audit", at: 'Quand', actor: 'Qui', action: 'Action', entityType: 'Entité', entityId: 'Id', from: 'Du', to: 'Au', details: 'Détails' },
  },
};
