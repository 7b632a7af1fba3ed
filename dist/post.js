import{u as o}from"./spend-DNw7NSZ3.js";import"node:module";import"./environment-D88COQ67.js";import"./Latch-YfuBOVgA.js";import"./shared-DAmK_2DH.js";await o();
