import { textsByKey } from '../../lib/i18n'
import { words } from '../../lib/words'

/**
 * Polls: the card in a message and the dialog that makes one. Each key's Russian
 * and English side by side.
 */
export const pollTexts = textsByKey({
  cancel: words.cancel,
  newPoll: { ru: 'Новый опрос', en: 'New poll' },
  pollQuestion: { ru: 'Вопрос', en: 'Question' },
  pollOptions: { ru: 'Варианты ответа', en: 'Answer options' },
  pollOption: { ru: 'Вариант {n}', en: 'Option {n}' },
  addOption: { ru: 'Добавить вариант', en: 'Add an option' },
  removeOption: { ru: 'Убрать вариант {n}', en: 'Remove option {n}' },
  pollMultiple: { ru: 'Можно выбрать несколько вариантов', en: 'Several options may be chosen' },
  pollAnonymous: { ru: 'Анонимный опрос', en: 'Anonymous poll' },
  pollAnonymousHint: {
    ru: 'Никто, даже автор, не увидит, кто как проголосовал.',
    en: 'Nobody, not even the author, will see who voted for what.',
  },
  pollClosesAt: { ru: 'Срок голосования', en: 'Voting ends' },
  pollClosesAtHint: {
    ru: 'Необязательно: дата и время, после которых голосовать будет нельзя.',
    en: 'Optional: the date and time after which voting ends.',
  },
  publishPoll: { ru: 'Опубликовать опрос', en: 'Publish poll' },
  pollQuestionRequired: { ru: 'Напишите вопрос.', en: 'Write a question.' },
  pollQuestionTooLong: { ru: 'Вопрос длиннее {max} символов.', en: 'The question is longer than {max} characters.' },
  pollOptionsTooFew: { ru: 'Нужно хотя бы два варианта ответа.', en: 'At least two answer options are needed.' },
  pollOptionDuplicate: { ru: 'Такой вариант уже есть.', en: 'This option is already there.' },
  pollOptionTooLong: { ru: 'Вариант длиннее {max} символов.', en: 'The option is longer than {max} characters.' },
  pollClosesInPast: { ru: 'Это время уже прошло.', en: 'This time has already passed.' },
  pollLabel: { ru: 'Опрос: {question}', en: 'Poll: {question}' },
  pollKindAnonymous: { ru: 'Анонимный опрос', en: 'Anonymous poll' },
  pollKindNamed: { ru: 'Открытый опрос', en: 'Named poll' },
  pollMultipleNote: { ru: 'Можно выбрать несколько', en: 'Several options may be chosen' },
  pollUntil: { ru: 'До {time}', en: 'Until {time}' },
  pollClosed: { ru: 'Опрос завершён', en: 'The poll is closed' },
  vote: { ru: 'Голосовать', en: 'Vote' },
  pollVoters: { ru: 'Проголосовали: {count}', en: 'Voted: {count}' },
  pollResults: { ru: 'Результаты опроса', en: 'Poll results' },
  pollVotesOne: { ru: '{count} голос', en: '{count} vote' },
  pollVotesFew: { ru: '{count} голоса', en: '{count} votes' },
  pollVotesMany: { ru: '{count} голосов', en: '{count} votes' },
  pollPercent: { ru: '{percent}%', en: '{percent}%' },
  pollMeterText: { ru: '{percent}%, {votes}', en: '{percent}%, {votes}' },
  yourChoice: { ru: 'Ваш выбор', en: 'Your choice' },
  whoChose: { ru: 'Кто выбрал: {option}', en: 'Who chose: {option}' },
  whoChoseShort: { ru: 'Кто выбрал', en: 'Who chose' },
  nobodyChose: { ru: 'Пока никто.', en: 'Nobody yet.' },
  changeVote: { ru: 'Изменить голос', en: 'Change vote' },
  retractVote: { ru: 'Отозвать голос', en: 'Retract vote' },
  closePoll: { ru: 'Завершить опрос', en: 'Close poll' },
  confirmClosePoll: {
    ru: 'Завершить опрос? Голосовать больше будет нельзя.',
    en: 'Close the poll? Nobody will be able to vote any more.',
  },
  confirmClosePollYes: { ru: 'Да, завершить', en: 'Yes, close it' },
  exportPoll: { ru: 'Скачать результаты (CSV)', en: 'Download results (CSV)' },
  showResults: { ru: 'Показать результаты', en: 'Show results' },
  hideResults: { ru: 'Скрыть результаты', en: 'Hide results' },
})

export type PollKey = keyof typeof pollTexts.ru
