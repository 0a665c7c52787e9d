// All user-interface strings, FR and EN, and the language choice.
// Texts from the API (questionnaire, unit names) are not here: they come with the data.

const STRINGS = {
  en: {
    'lang.name': 'English',
    'lang.switch': 'Language',
    'app.name': 'Symmetry',
    'js.error': 'Something went wrong on this page:',
    'common.loading': 'Loading…',
    'common.retry': 'Try again',
    'common.close': 'Close',

    // start page
    'home.title': 'Symmetry — start page',
    'home.tagline': 'Symmetry asks customers and employees the same questions, for the same unit and the same period.',
    'home.tagline2': 'Managers see both sides together, and where the mirror breaks: when customers get more attention than the staff who serve them.',
    'home.try': 'Try the forms',
    'home.customerForm': 'Demo customer form',
    'home.pulseForm': 'Demo employee pulse form',
    'home.forUnit': 'for {unit}',
    'home.needKey': 'To open the demo forms, this page issues a code for the first unit, which needs the API key printed by the local run at start. Add it to this page’s address as #key=… or type it below.',
    'home.issuing': 'Issuing demo codes…',
    'home.issueFailed': 'The demo codes could not be issued:',
    'home.qrAlt': 'QR code of the demo customer form for {unit}',
    'home.manage': 'For managers',
    'home.dashboard': 'Dashboard',
    'home.dashboardHint': 'customer vs employee, side by side',
    'home.invitations': 'Invitations by e-mail',
    'home.invitationsHint': 'each address its own link (hr, admin)',
    'home.mailbox': 'Mailbox',
    'home.mailboxHint': 'every e-mail the local run sent (SES emulator)',
    'home.api': 'API',
    'home.swagger': 'OpenAPI UI',
    'home.openapi': 'OpenAPI document',
    'home.posters': 'QR posters',
    'home.postersNeedKey': 'The list of units needs the API key.',
    'home.poster': 'Poster for {unit}',

    // key form
    'key.label': 'API key',
    'key.submit': 'Use this key',
    'key.forget': 'Forget the key',
    'key.hint': 'Kept for this browser tab only (sessionStorage).',
    'key.refused': 'This key was refused. Check it and try again.',
    'key.known': 'An API key is set for this tab.',

    // form
    'form.title': 'Your opinion',
    'form.titleUnit': 'Your opinion — {unit}',
    'form.loading': 'Loading the form…',
    'form.intro.customer': 'Thank you for taking 30 seconds to tell us about your visit.',
    'form.intro.pulse': 'Your anonymous pulse for your team.',
    'form.anonymous': 'This answer is anonymous: it is stored with its day only, with no name, no time and no identifier. Figures are shown only for groups of at least 5 answers.',
    'form.headlineScale': '0 = not at all likely, 10 = extremely likely',
    'form.required': 'required',
    'form.optional': 'optional',
    'form.ratingsIntro': 'How much do you agree? Each question is optional.',
    'form.ratingScale': '1 = not at all, 5 = completely',
    'form.clear': 'Clear',
    'form.clearLabel': 'Clear the answer to: {q}',
    'form.comment': 'Comment',
    'form.noComment': 'There is no comment box here: a sentence can be recognised, so pulse answers carry scores only.',
    'form.commentCount': '{n} / {max} characters',
    'form.email': 'E-mail',
    'form.consent': 'I agree to be contacted by e-mail about this feedback.',
    'form.emailHint': 'Your e-mail is sent only if you tick the box.',
    'form.privacy': 'Privacy: if you tick the box and gave 0 to 6, the team of this place sees your address in order to contact you about this feedback, and nobody else. It is deleted when they close your request, after 30 days at most, and used for nothing else. You may ask for it to be erased sooner.',
    'form.honeypot': 'Leave this field empty',
    'form.send': 'Send',
    'form.sending': 'Sending…',
    'form.retrying': 'Connection problem. Trying again in {s} s…',
    'form.retryManual': 'Your answer could not be sent yet. Check your connection and try again: it will not be counted twice.',
    'form.needRecommend': 'Please choose a number from 0 to 10.',
    'form.needEmail': 'Please enter your e-mail address, or untick the box.',
    'form.badEmail': 'This e-mail address does not look right.',
    'form.thanks': 'Thank you!',
    'form.thanksText': 'Your answer was received.',
    'form.thanksPulse': 'Your answer was received anonymously. Results are shared with your team once enough colleagues have answered.',
    'form.notoken': 'This page needs the link from a QR code or an e-mail. Please open the link again.',

    // token states
    'state.link_spent.title': 'This link has already been used',
    'state.link_spent.text': 'Thank you — your answer was received. Each personal link can be used once.',
    'state.link_expired.title': 'This link has expired',
    'state.link_expired.text': 'Thank you for your interest. This link is out of date; if you still want to answer, ask for a new one.',
    'state.token_revoked.title': 'This code is no longer in use',
    'state.token_revoked.text': 'Thank you for wanting to answer. This QR code or link has been withdrawn; look for a newer one in the store or in your messages.',
    'state.invalid_token.title': 'This link is not valid',
    'state.invalid_token.text': 'The address may be incomplete. Please open the link or scan the QR code again.',
    'state.unknown_unit.title': 'Unknown place',
    'state.unknown_unit.text': 'This store or team is not known any more. Please look for a newer QR code or link.',
    'state.load_failed.title': 'The form could not be loaded',

    // error codes (form and dashboard)
    'err.malformed_json': 'The answer could not be read by the server. Please try again.',
    'err.invalid_field': 'One answer is not valid. Please check it.',
    'err.unknown_field': 'The answer contained something the server does not accept. Please reload the page.',
    'err.missing_field': 'An answer is missing. Please check the form.',
    'err.too_large': 'The answer is too long. Please shorten your comment.',
    'err.comment_not_accepted': 'Pulse answers carry no comment, so that nobody can recognise who wrote it. Please reload the page.',
    'err.unauthenticated': 'An API key is needed.',
    'err.invalid_token': 'This link is not valid. Please open it again.',
    'err.unknown_unit': 'This store or team is not known.',
    'err.not_found': 'Nothing found.',
    'err.link_spent': 'This link has already been used.',
    'err.link_expired': 'This link has expired.',
    'err.token_revoked': 'This code is no longer in use.',
    'err.rate_limited': 'Many answers were already sent from this device today. Thank you, that is enough for today.',
    'err.storage_unavailable': 'The server could not store your answer just now.',
    'err.network': 'The server could not be reached. Check your connection.',
    'err.bad_response': 'The server sent an unexpected answer.',
    'err.unavailable': 'The service cannot be reached just now. Please try again in a moment.',
    'err.http': 'The server answered with an error (HTTP {status}).',
    'err.field.recommend': 'Please choose a number from 0 to 10.',
    'err.field.comment': 'Please check your comment (2,000 characters at most).',
    'err.field.email': 'Please check your e-mail address.',
    'err.field.rating': 'Please check this answer (1 to 5).',

    // dashboard
    'dash.title': 'Symmetry — dashboard',
    'fu.title': 'Follow-ups',
    'fu.intro': 'Customers who gave 0 to 6 and asked to be contacted. Their address is deleted when you close the follow-up, after 30 days at most.',
    'fu.filter': 'Show',
    'fu.all': 'all',
    'fu.none': 'No follow-up here.',
    'fu.more': 'More',
    'fu.score': '{n}/10',
    'fu.status.open': 'open',
    'fu.status.contacted': 'contacted',
    'fu.status.closed': 'closed',
    'fu.to.contacted': 'Mark contacted',
    'fu.to.closed': 'Close',
    'fu.note': 'Short note (optional)',
    'fu.lastNote': 'Note:',
    'fu.contact': 'Contact:',
    'fu.noContact': 'Address deleted.',
    'fu.notified': 'e-mailed to the unit',
    'fu.notForThisKey': 'This key may not read follow-ups (admins and viewers only).',
    'fu.err.invalid_transition': 'This follow-up has moved on meanwhile: reload the page.',
    'fu.err.forbidden': 'This key may not change this follow-up.',
    'fu.err.too_large': 'The note is too long (500 characters at most).',
    'dash.heading': 'Customers and employees, side by side',
    'dash.scope': 'Organisation, region or unit',
    'dash.org': 'Organisation',
    'dash.regions': 'Regions',
    'dash.units': 'Units',
    'dash.periodType': 'Period kind',
    'dash.period': 'Period',
    'dash.DAY': 'Day',
    'dash.WEEK': 'Week',
    'dash.MONTH': 'Month',
    'dash.weekLabel': 'week {w}, {y}',
    'dash.empty': 'No snapshot yet for this choice.',
    'dash.emptyHint': 'Snapshots are computed by the scheduler from the answers; come back after the next run, or pick another period kind.',
    'dash.customers': 'Customers',
    'dash.employees': 'Employees',
    'dash.nps': 'NPS',
    'dash.enps': 'eNPS',
    'dash.moe': '± {m}',
    'dash.moeLong': 'margin of error (95 %) ± {m}',
    'dash.n': '{n} answers',
    'dash.attention': 'Attention index',
    'dash.symmetry': 'Symmetry',
    'dash.symmetryHint': '100 = both sides rated the same on every dimension',
    'dash.noSymmetry': 'not available without the employee side',
    'dash.insufficient': 'fewer than 10 answers — read with care',
    'dash.suppressed': 'Fewer than {k} answers — hidden to protect anonymity.',
    'dash.suppressed.small_group': 'Fewer than {k} answers — hidden to protect anonymity.',
    'dash.suppressed.complementary': 'Hidden to protect anonymity: a neighbouring group is too small, and showing this one would let its figures be worked out.',
    'dash.suppressed.open_period': 'Employee figures are published when the period closes, so that nobody can compare two versions of the same group.',
    'dash.suppressed.period_type': 'Employee figures are published for one kind of period only (months here): weeks and months overlap, and together they could single people out.',
    'dash.dimHidden': 'hidden (fewer than {k} answers)',
    'dash.noAnswers': 'no answers',
    'dash.dimensions': 'Dimension by dimension',
    'dash.dimensionsHint': 'Scores on 0–100. Gap = employees − customers.',
    'dash.gap': 'Gap {g}',
    'dash.gapNegative': 'customers get more attention than staff — this cannot last',
    'dash.gapPositive': 'staff get at least as much attention as customers',
    'dash.gapNone': 'no gap available',
    'dash.negativeCount': '{n} negative gap(s): customers get more attention than the staff who serve them.',
    'dash.trend': 'Trend',
    'dash.trendSince': '{d} since the previous period',
    'dash.trendAttention': 'Attention index over the last periods',
    'dash.trendNps': 'NPS and eNPS over the last periods',
    'dash.trendTable': 'Show the figures as a table',
    'dash.chartSummary': '{series}: {points}',
    'dash.scatter': 'Units: employee vs customer attention index',
    'dash.scatterHint': 'One dot per unit whose employee side is published.',
    'dash.scatterX': 'employee attention index',
    'dash.scatterY': 'customer attention index',
    'dash.scatterExcluded': '{n} unit(s) left out: employee side hidden to protect anonymity or no answers.',
    'dash.scatterNone': 'No unit snapshot for this period yet.',
    'dash.scatterTable': 'Show the units as a table',
    'dash.unit': 'Unit',
    'dash.correlation': 'Correlation across units',
    'dash.pearson': 'Pearson r = {r} (95 % interval {lo} to {hi}), {n} units',
    'dash.pearsonNoCi': 'Pearson r = {r}, {n} units',
    'dash.spearman': 'Spearman ρ = {r}',
    'dash.employeeLeads': 'Employees one period earlier vs customers: r = {r} ({n} units)',
    'dash.customerLeads': 'Customers one period earlier vs employees: r = {r} ({n} units)',
    'dash.noCorrelation': 'Not enough units with a published employee side to compute it.',
    'dash.comments': 'Comments',
    'dash.commentsHint': 'What customers wrote in this period, newest first, word for word. Employees’ answers carry no comment: nobody could then recognise who wrote it.',
    'dash.commentsMore': 'More comments',
    'dash.noComments': 'No customer wrote a comment in this period.',
    'dash.teamPage': 'Page for the team meeting (printable)',
    'group.promoter': 'promoter',
    'group.passive': 'passive',
    'group.detractor': 'detractor',
    'team.title': '{unit} — {month}',
    'team.intro': 'Our customers and our team, side by side: the page we read together.',
    'team.print': 'Print this page',
    'team.back': 'Back to the dashboard',
    'team.need': 'This page needs a unit and a month (open it from the dashboard).',
    'team.noSnapshot': 'No figures for this month yet.',
    'team.sides': 'Both sides',
    'team.gaps': 'Where the gaps are',
    'team.gapUp': 'the team gets more attention than customers',
    'team.gapDown': 'customers get more attention than the team',
    'team.gapEven': 'even',
    'team.trend': 'The last months',
    'team.comments': 'What customers wrote',
    'team.noEmployeeComments': 'Employees’ answers carry no comment: they are not stored, so that nobody can recognise who wrote what.',
    'team.generated': '{org} · computed {t}',
    'dash.computedAt': 'Computed {t} · method version {v}',
    'dash.loadFailed': 'The dashboard could not load:',
    'dash.needKey': 'The dashboard reads the snapshot API, which needs the API key.',
    'dash.dimension': 'Dimension',
    'dash.periodCol': 'Period',

    // dimension labels (the five defaults)
    'dim.listening': 'Listening',
    'dim.ownership': 'Ownership',
    'dim.information': 'Information',
    'dim.recognition': 'Recognition',
    'dim.cooperation': 'Cooperation',
  },

  fr: {
    'lang.name': 'Français',
    'lang.switch': 'Langue',
    'app.name': 'Symmetry',
    'js.error': 'Un problème est survenu sur cette page :',
    'common.loading': 'Chargement…',
    'common.retry': 'Réessayer',
    'common.close': 'Fermer',

    'home.title': 'Symmetry — page d’accueil',
    'home.tagline': 'Symmetry pose les mêmes questions aux clients et aux salariés, pour la même unité et la même période.',
    'home.tagline2': 'Les responsables voient les deux côtés ensemble, et là où le miroir se brise : quand les clients reçoivent plus d’attention que les équipes qui les servent.',
    'home.try': 'Essayer les formulaires',
    'home.customerForm': 'Formulaire client de démonstration',
    'home.pulseForm': 'Formulaire « pulse » salarié de démonstration',
    'home.forUnit': 'pour {unit}',
    'home.needKey': 'Pour ouvrir les formulaires de démonstration, cette page émet un code pour la première unité, ce qui demande la clé d’API affichée au démarrage de l’exécution locale. Ajoutez-la à l’adresse de cette page sous la forme #key=… ou saisissez-la ci-dessous.',
    'home.issuing': 'Émission des codes de démonstration…',
    'home.issueFailed': 'Les codes de démonstration n’ont pas pu être émis :',
    'home.qrAlt': 'QR code du formulaire client de démonstration pour {unit}',
    'home.manage': 'Pour les responsables',
    'home.dashboard': 'Tableau de bord',
    'home.dashboardHint': 'clients et salariés, côte à côte',
    'home.invitations': 'Invitations par e-mail',
    'home.invitationsHint': 'à chaque adresse son propre lien (hr, admin)',
    'home.mailbox': 'Boîte aux lettres',
    'home.mailboxHint': 'chaque e-mail envoyé par la version locale (émulateur SES)',
    'home.api': 'API',
    'home.swagger': 'Interface OpenAPI',
    'home.openapi': 'Document OpenAPI',
    'home.posters': 'Affiches QR',
    'home.postersNeedKey': 'La liste des unités demande la clé d’API.',
    'home.poster': 'Affiche pour {unit}',

    'key.label': 'Clé d’API',
    'key.submit': 'Utiliser cette clé',
    'key.forget': 'Oublier la clé',
    'key.hint': 'Conservée pour cet onglet seulement (sessionStorage).',
    'key.refused': 'Cette clé a été refusée. Vérifiez-la et réessayez.',
    'key.known': 'Une clé d’API est définie pour cet onglet.',

    'form.title': 'Votre avis',
    'form.titleUnit': 'Votre avis — {unit}',
    'form.loading': 'Chargement du formulaire…',
    'form.intro.customer': 'Merci de prendre 30 secondes pour nous parler de votre visite.',
    'form.intro.pulse': 'Votre « pulse » anonyme pour votre équipe.',
    'form.anonymous': 'Cette réponse est anonyme : elle est enregistrée avec son jour seulement, sans nom, sans heure et sans identifiant. Les résultats ne sont montrés que pour des groupes d’au moins 5 réponses.',
    'form.headlineScale': '0 = pas du tout probable, 10 = tout à fait probable',
    'form.required': 'obligatoire',
    'form.optional': 'facultatif',
    'form.ratingsIntro': 'Êtes-vous d’accord ? Chaque question est facultative.',
    'form.ratingScale': '1 = pas du tout, 5 = tout à fait',
    'form.clear': 'Effacer',
    'form.clearLabel': 'Effacer la réponse à : {q}',
    'form.comment': 'Commentaire',
    'form.noComment': 'Pas de zone de commentaire ici : une phrase peut se reconnaître, la réponse « pulse » ne porte donc que des notes.',
    'form.commentCount': '{n} / {max} caractères',
    'form.email': 'E-mail',
    'form.consent': 'J’accepte d’être contacté(e) par e-mail au sujet de cet avis.',
    'form.emailHint': 'Votre e-mail n’est envoyé que si vous cochez la case.',
    'form.privacy': 'Confidentialité : si vous cochez la case et donnez une note de 0 à 6, l’équipe de ce lieu voit votre adresse pour vous recontacter au sujet de cet avis, et personne d’autre. Elle est effacée quand l’équipe clôt votre demande, au plus tard après 30 jours, et ne sert à rien d’autre. Vous pouvez demander qu’elle soit effacée plus tôt.',
    'form.honeypot': 'Laissez ce champ vide',
    'form.send': 'Envoyer',
    'form.sending': 'Envoi…',
    'form.retrying': 'Problème de connexion. Nouvel essai dans {s} s…',
    'form.retryManual': 'Votre réponse n’a pas encore pu être envoyée. Vérifiez votre connexion et réessayez : elle ne sera pas comptée deux fois.',
    'form.needRecommend': 'Choisissez une note de 0 à 10.',
    'form.needEmail': 'Saisissez votre adresse e-mail, ou décochez la case.',
    'form.badEmail': 'Cette adresse e-mail ne semble pas correcte.',
    'form.thanks': 'Merci !',
    'form.thanksText': 'Votre réponse a bien été reçue.',
    'form.thanksPulse': 'Votre réponse a été reçue de façon anonyme. Les résultats sont partagés avec votre équipe dès que suffisamment de collègues ont répondu.',
    'form.notoken': 'Cette page a besoin du lien d’un QR code ou d’un e-mail. Ouvrez à nouveau le lien.',

    'state.link_spent.title': 'Ce lien a déjà été utilisé',
    'state.link_spent.text': 'Merci — votre réponse a bien été reçue. Chaque lien personnel ne sert qu’une fois.',
    'state.link_expired.title': 'Ce lien a expiré',
    'state.link_expired.text': 'Merci de votre intérêt. Ce lien n’est plus valable ; si vous souhaitez encore répondre, demandez-en un nouveau.',
    'state.token_revoked.title': 'Ce code n’est plus utilisé',
    'state.token_revoked.text': 'Merci de vouloir répondre. Ce QR code ou ce lien a été retiré ; cherchez-en un plus récent en magasin ou dans vos messages.',
    'state.invalid_token.title': 'Ce lien n’est pas valide',
    'state.invalid_token.text': 'L’adresse est peut-être incomplète. Ouvrez à nouveau le lien ou scannez à nouveau le QR code.',
    'state.unknown_unit.title': 'Lieu inconnu',
    'state.unknown_unit.text': 'Ce magasin ou cette équipe n’est plus connu(e). Cherchez un QR code ou un lien plus récent.',
    'state.load_failed.title': 'Le formulaire n’a pas pu être chargé',

    'err.malformed_json': 'Le serveur n’a pas pu lire la réponse. Réessayez.',
    'err.invalid_field': 'Une réponse n’est pas valide. Vérifiez-la.',
    'err.unknown_field': 'La réponse contenait un élément que le serveur n’accepte pas. Rechargez la page.',
    'err.missing_field': 'Il manque une réponse. Vérifiez le formulaire.',
    'err.too_large': 'La réponse est trop longue. Raccourcissez votre commentaire.',
    'err.comment_not_accepted': 'Une réponse « pulse » ne porte pas de commentaire, pour que personne ne puisse reconnaître qui l’a écrit. Rechargez la page.',
    'err.unauthenticated': 'Une clé d’API est nécessaire.',
    'err.invalid_token': 'Ce lien n’est pas valide. Ouvrez-le à nouveau.',
    'err.unknown_unit': 'Ce magasin ou cette équipe n’est pas connu(e).',
    'err.not_found': 'Rien trouvé.',
    'err.link_spent': 'Ce lien a déjà été utilisé.',
    'err.link_expired': 'Ce lien a expiré.',
    'err.token_revoked': 'Ce code n’est plus utilisé.',
    'err.rate_limited': 'Beaucoup de réponses ont déjà été envoyées depuis cet appareil aujourd’hui. Merci, c’est suffisant pour aujourd’hui.',
    'err.storage_unavailable': 'Le serveur n’a pas pu enregistrer votre réponse pour le moment.',
    'err.network': 'Le serveur est injoignable. Vérifiez votre connexion.',
    'err.bad_response': 'Le serveur a envoyé une réponse inattendue.',
    'err.unavailable': 'Le service est injoignable pour le moment. Réessayez dans un instant.',
    'err.http': 'Le serveur a répondu par une erreur (HTTP {status}).',
    'err.field.recommend': 'Choisissez une note de 0 à 10.',
    'err.field.comment': 'Vérifiez votre commentaire (2 000 caractères au plus).',
    'err.field.email': 'Vérifiez votre adresse e-mail.',
    'err.field.rating': 'Vérifiez cette réponse (de 1 à 5).',

    'dash.title': 'Symmetry — tableau de bord',
    'fu.title': 'Suivis',
    'fu.intro': 'Les clients qui ont donné de 0 à 6 et demandé à être recontactés. Leur adresse est effacée quand vous clôturez le suivi, au plus tard après 30 jours.',
    'fu.filter': 'Afficher',
    'fu.all': 'tous',
    'fu.none': 'Aucun suivi ici.',
    'fu.more': 'Plus',
    'fu.score': '{n}/10',
    'fu.status.open': 'ouvert',
    'fu.status.contacted': 'contacté',
    'fu.status.closed': 'clôturé',
    'fu.to.contacted': 'Marquer contacté',
    'fu.to.closed': 'Clôturer',
    'fu.note': 'Note courte (facultative)',
    'fu.lastNote': 'Note :',
    'fu.contact': 'Contact :',
    'fu.noContact': 'Adresse effacée.',
    'fu.notified': 'envoyé par e-mail à l’équipe',
    'fu.notForThisKey': 'Cette clé ne peut pas lire les suivis (administrateurs et lecteurs seulement).',
    'fu.err.invalid_transition': 'Ce suivi a changé entre-temps : rechargez la page.',
    'fu.err.forbidden': 'Cette clé ne peut pas modifier ce suivi.',
    'fu.err.too_large': 'La note est trop longue (500 caractères au plus).',
    'dash.heading': 'Clients et salariés, côte à côte',
    'dash.scope': 'Organisation, région ou unité',
    'dash.org': 'Organisation',
    'dash.regions': 'Régions',
    'dash.units': 'Unités',
    'dash.periodType': 'Type de période',
    'dash.period': 'Période',
    'dash.DAY': 'Jour',
    'dash.WEEK': 'Semaine',
    'dash.MONTH': 'Mois',
    'dash.weekLabel': 'semaine {w}, {y}',
    'dash.empty': 'Pas encore d’instantané pour ce choix.',
    'dash.emptyHint': 'Les instantanés sont calculés par le planificateur à partir des réponses ; revenez après le prochain passage, ou choisissez un autre type de période.',
    'dash.customers': 'Clients',
    'dash.employees': 'Salariés',
    'dash.nps': 'NPS',
    'dash.enps': 'eNPS',
    'dash.moe': '± {m}',
    'dash.moeLong': 'marge d’erreur (95 %) ± {m}',
    'dash.n': '{n} réponses',
    'dash.attention': 'Indice d’attention',
    'dash.symmetry': 'Symétrie',
    'dash.symmetryHint': '100 = les deux côtés notent pareil sur chaque dimension',
    'dash.noSymmetry': 'indisponible sans le côté salariés',
    'dash.insufficient': 'moins de 10 réponses — à lire avec prudence',
    'dash.suppressed': 'Moins de {k} réponses — masqué pour protéger l’anonymat.',
    'dash.suppressed.small_group': 'Moins de {k} réponses — masqué pour protéger l’anonymat.',
    'dash.suppressed.complementary': 'Masqué pour protéger l’anonymat : un groupe voisin est trop petit, et montrer celui-ci permettrait d’en déduire les résultats.',
    'dash.suppressed.open_period': 'Les résultats salariés sont publiés à la clôture de la période, pour que personne ne puisse comparer deux versions du même groupe.',
    'dash.suppressed.period_type': 'Les résultats salariés ne sont publiés que pour un type de période (ici le mois) : semaines et mois se chevauchent et permettraient ensemble d’isoler des personnes.',
    'dash.dimHidden': 'masqué (moins de {k} réponses)',
    'dash.noAnswers': 'aucune réponse',
    'dash.dimensions': 'Dimension par dimension',
    'dash.dimensionsHint': 'Scores sur 0–100. Écart = salariés − clients.',
    'dash.gap': 'Écart {g}',
    'dash.gapNegative': 'les clients reçoivent plus d’attention que les équipes — cela ne peut pas durer',
    'dash.gapPositive': 'les équipes reçoivent au moins autant d’attention que les clients',
    'dash.gapNone': 'pas d’écart disponible',
    'dash.negativeCount': '{n} écart(s) négatif(s) : les clients reçoivent plus d’attention que les équipes qui les servent.',
    'dash.trend': 'Tendance',
    'dash.trendSince': '{d} depuis la période précédente',
    'dash.trendAttention': 'Indice d’attention sur les dernières périodes',
    'dash.trendNps': 'NPS et eNPS sur les dernières périodes',
    'dash.trendTable': 'Afficher les chiffres en tableau',
    'dash.chartSummary': '{series} : {points}',
    'dash.scatter': 'Unités : indice d’attention salariés et clients',
    'dash.scatterHint': 'Un point par unité dont le côté salariés est publié.',
    'dash.scatterX': 'indice d’attention salariés',
    'dash.scatterY': 'indice d’attention clients',
    'dash.scatterExcluded': '{n} unité(s) écartée(s) : côté salariés masqué pour l’anonymat ou sans réponse.',
    'dash.scatterNone': 'Pas encore d’instantané d’unité pour cette période.',
    'dash.scatterTable': 'Afficher les unités en tableau',
    'dash.unit': 'Unité',
    'dash.correlation': 'Corrélation entre unités',
    'dash.pearson': 'Pearson r = {r} (intervalle à 95 % de {lo} à {hi}), {n} unités',
    'dash.pearsonNoCi': 'Pearson r = {r}, {n} unités',
    'dash.spearman': 'Spearman ρ = {r}',
    'dash.employeeLeads': 'Salariés une période avant, face aux clients : r = {r} ({n} unités)',
    'dash.customerLeads': 'Clients une période avant, face aux salariés : r = {r} ({n} unités)',
    'dash.noCorrelation': 'Pas assez d’unités avec un côté salariés publié pour la calculer.',
    'dash.comments': 'Commentaires',
    'dash.commentsHint': 'Ce que les clients ont écrit sur la période, du plus récent au plus ancien, mot pour mot. Les réponses des salariés ne portent pas de commentaire : personne ne pourrait alors reconnaître qui l’a écrit.',
    'dash.commentsMore': 'Plus de commentaires',
    'dash.noComments': 'Aucun client n’a écrit de commentaire sur la période.',
    'dash.teamPage': 'Page pour la réunion d’équipe (imprimable)',
    'group.promoter': 'promoteur',
    'group.passive': 'passif',
    'group.detractor': 'détracteur',
    'team.title': '{unit} — {month}',
    'team.intro': 'Nos clients et notre équipe, côte à côte : la page que nous lisons ensemble.',
    'team.print': 'Imprimer cette page',
    'team.back': 'Retour au tableau de bord',
    'team.need': 'Cette page a besoin d’une unité et d’un mois (ouvrez-la depuis le tableau de bord).',
    'team.noSnapshot': 'Pas encore de résultats pour ce mois.',
    'team.sides': 'Les deux côtés',
    'team.gaps': 'Où sont les écarts',
    'team.gapUp': 'l’équipe reçoit plus d’attention que les clients',
    'team.gapDown': 'les clients reçoivent plus d’attention que l’équipe',
    'team.gapEven': 'à égalité',
    'team.trend': 'Les derniers mois',
    'team.comments': 'Ce que les clients ont écrit',
    'team.noEmployeeComments': 'Les réponses des salariés ne portent pas de commentaire : elles ne sont pas enregistrées, pour que personne ne puisse reconnaître qui a écrit quoi.',
    'team.generated': '{org} · calculé le {t}',
    'dash.computedAt': 'Calculé le {t} · méthode version {v}',
    'dash.loadFailed': 'Le tableau de bord n’a pas pu se charger :',
    'dash.needKey': 'Le tableau de bord lit l’API des instantanés, qui demande la clé d’API.',
    'dash.dimension': 'Dimension',
    'dash.periodCol': 'Période',

    'dim.listening': 'Écoute',
    'dim.ownership': 'Prise en charge',
    'dim.information': 'Information',
    'dim.recognition': 'Reconnaissance',
    'dim.cooperation': 'Coopération',
  },
};

export const LANGS = Object.keys(STRINGS);
const STORE = 'symmetry.lang';

function detect() {
  try {
    const saved = localStorage.getItem(STORE);
    if (saved && STRINGS[saved]) return saved;
  } catch { /* storage disabled */ }
  const prefs = (navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en']);
  for (const p of prefs) {
    const primary = String(p).toLowerCase().split('-')[0];
    if (STRINGS[primary]) return primary;
  }
  return 'en';
}

let lang = detect();
const listeners = new Set();
const bound = new Set();

export function getLang() { return lang; }

/** Picks the best language among `available` (e.g. a unit's languages), user's choice first. */
export function bestOf(available) {
  const list = (available || []).filter((l) => STRINGS[l]);
  if (!list.length || list.includes(lang)) return lang;
  const prefs = (navigator.languages || []).map((p) => String(p).toLowerCase().split('-')[0]);
  return prefs.find((p) => list.includes(p)) || list[0];
}

export function setLang(next, {remember = true} = {}) {
  if (!STRINGS[next]) return;
  lang = next;
  if (remember) { try { localStorage.setItem(STORE, next); } catch { /* ignore */ } }
  document.documentElement.lang = next;
  applyStatic(document);
  for (const b of [...bound]) {
    if (!b.el.isConnected) { bound.delete(b); continue; }
    update(b);
  }
  for (const fn of listeners) fn(next);
}

export function onLangChange(fn) { listeners.add(fn); }

/** t('form.titleUnit', {unit: 'Paris'}) — falls back to English, then to the key. */
export function t(key, vars) {
  let s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  return s;
}

/** Text for a {fr: …, en: …} object from the API, in the current language. */
export function pick(texts) {
  if (!texts || typeof texts !== 'object') return '';
  return String(texts[lang] ?? texts.en ?? texts.fr ?? Object.values(texts)[0] ?? '');
}

function update(b) {
  const value = typeof b.what === 'function' ? b.what() : t(b.what, b.vars);
  if (b.attr) b.el.setAttribute(b.attr, value);
  else b.el.textContent = value;
}

/** Keeps an element's text (or one attribute) in the current language. Returns the element. */
export function bind(el, what, {vars, attr} = {}) {
  const b = {el, what, vars, attr};
  bound.add(b);
  update(b);
  return el;
}

/** Translates static markup: data-i18n="key" (text) and data-i18n-attr="attr:key;attr:key". */
export function applyStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':');
      if (attr && key) el.setAttribute(attr.trim(), t(key.trim()));
    }
  });
  const title = document.querySelector('title[data-i18n]');
  if (title) document.title = t(title.dataset.i18n);
}

/** A visible language switch (buttons with aria-pressed) inside `container`. */
export function mountSwitch(container, available = LANGS) {
  while (container.firstChild) container.removeChild(container.firstChild);
  const group = document.createElement('div');
  group.setAttribute('role', 'group');
  group.className = 'lang-switch';
  bind(group, 'lang.switch', {attr: 'aria-label'});
  const buttons = [];
  for (const l of available.filter((x) => STRINGS[x])) {
    const b = document.createElement('button');
    b.type = 'button';
    b.lang = l;
    b.textContent = l.toUpperCase();
    b.title = STRINGS[l]['lang.name'];
    b.setAttribute('aria-label', STRINGS[l]['lang.name']);
    b.addEventListener('click', () => setLang(l));
    buttons.push(b);
    group.append(b);
  }
  const mark = () => buttons.forEach((b) => b.setAttribute('aria-pressed', String(b.lang === lang)));
  mark();
  onLangChange(mark);
  container.append(group);
}

// Number formats in the current language.
export function num(v, digits = 1) {
  return new Intl.NumberFormat(lang, {maximumFractionDigits: digits, minimumFractionDigits: 0}).format(v);
}
export function signed(v, digits = 1) {
  return new Intl.NumberFormat(lang, {maximumFractionDigits: digits, signDisplay: 'exceptZero'}).format(v);
}

document.documentElement.lang = lang;
