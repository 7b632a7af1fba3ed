import{u as o}from"./spend-Bi8bc_aa.js";import"node:module";import"./environment-BF4uv4mr.js";import"./Latch-89DQszl5.js";import"./shared-BfT_tM4R.js";await o();
