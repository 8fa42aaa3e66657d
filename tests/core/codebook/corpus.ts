// A small coded corpus whose counts are worked out by hand in the tests that use it.
import { article, coding, hl, tag } from './fixture';

export const tags = [
  tag('actors', 'Actors'),
  tag('russia', 'Russia', 'actors'),
  tag('china', 'China', 'actors'),
  tag('arms', 'Arms trade'),
  tag('hr', 'Human rights'),
];

export const articles = [
  article('a1', { published: '2017-03-05', source: 'The Irrawaddy', author: 'Ko Ye', title: 'Fomin visit' }),
  article('a2', { published: '2017-05-20', source: 'Frontier Myanmar', title: 'Jets' }),
  article('a3', { published: null, source: 'the irrawaddy', title: 'Undated' }),
  article('a4', { published: '2018-01-02', source: 'Mizzima', title: 'Border' }),
];

export const highlights = [
  hl('h1', 'a1', 0, 50, ['russia'], { memo: 'Fomin visit' }),
  hl('h2', 'a1', 10, 20, ['arms']),
  hl('h3', 'a1', 60, 80, ['china']),
  hl('h4', 'a2', 0, 30, ['russia', 'arms']),
  hl('h5', 'a2', 40, 50, ['hr']),
  hl('h6', 'a3', 0, 10, ['arms']),
  hl('h7', 'a4', 5, 15, ['china']),
  hl('h8', 'a4', 14, 30, ['arms']),
  hl('h9', 'a4', 40, 45, ['russia'], { orphaned: true }),
];

export const corpus = coding(tags, highlights, articles);
