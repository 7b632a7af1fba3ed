import{u as o}from"./spend-B0ssFDVh.js";import"node:module";import"./environment-D88COQ67.js";import"./Latch-YfuBOVgA.js";import"./shared-DAmK_2DH.js";await o();
